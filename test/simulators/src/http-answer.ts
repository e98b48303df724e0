import type { ServerResponse } from 'node:http';

/** A complete (non-streamed) HTTP response. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonAnswer(status: number, body: string, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

/** Script headers win over the dialect's own, as a test that sets Retry-After expects. */
export function mergeHeaders(base: Record<string, string>, extra: Record<string, string> | undefined): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [name, value] of [...Object.entries(base), ...Object.entries(extra ?? {})]) merged[name.toLowerCase()] = value;
  return merged;
}

export function sendAnswer(res: ServerResponse, answer: HttpAnswer, extraHeaders?: Record<string, string>): void {
  if (res.destroyed) return;
  const headers = mergeHeaders(answer.headers, extraHeaders);
  headers['content-length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** The script's raw `body` override: strings go out as-is, anything else as JSON. */
export function rawAnswer(status: number, body: unknown): HttpAnswer {
  if (typeof body === 'string') {
    const looksJson = isJsonText(body);
    return { status, headers: { 'content-type': looksJson ? 'application/json' : 'text/plain' }, body };
  }
  return jsonAnswer(status, JSON.stringify(body));
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
