import type { IncomingMessage } from 'node:http';

/** A fully read request: the simulator answers only after the whole body has arrived. */
export interface Incoming {
  method: string;
  url: URL;
  headers: Record<string, string>;
  rawBody: string;
  /** Parsed JSON body; undefined when empty, `invalidJson` when it does not parse. */
  body: unknown;
  invalidJson: boolean;
}

export async function readIncoming(req: IncomingMessage): Promise<Incoming> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const parsed = parseBody(rawBody);
  return {
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', 'http://127.0.0.1'),
    headers,
    rawBody,
    body: parsed.body,
    invalidJson: parsed.invalid,
  };
}

function parseBody(rawBody: string): { body: unknown; invalid: boolean } {
  if (rawBody.trim() === '') return { body: undefined, invalid: false };
  try {
    return { body: JSON.parse(rawBody) as unknown, invalid: false };
  } catch {
    return { body: rawBody, invalid: true };
  }
}

/** Bearer token from `Authorization`, the credential the OpenAI-style APIs read. */
export function bearerToken(incoming: Incoming): string | undefined {
  const header = incoming.headers['authorization'];
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim();
}
