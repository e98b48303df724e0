// Echo templates in a script's raw `body`, for tests that need a provider (or a proxy in front of
// one) that echoes credentials back: `{{key}}` is the credential the caller presented (bearer
// token, api-key, x-api-key, x-goog-api-key or ?key=), `{{header:<name>}}` any request header;
// `|base64` or `|url` encodes the value. Unknown sources echo as the empty string.
import { bearerToken, type Incoming } from './incoming.js';

const TEMPLATE = /\{\{(key|header:[a-z0-9-]+)(?:\|(base64|url))?\}\}/gi;

export function presentedKey(incoming: Incoming): string | undefined {
  const { headers } = incoming;
  return bearerToken(incoming) ?? headers['api-key'] ?? headers['x-api-key'] ?? headers['x-goog-api-key'] ?? incoming.url.searchParams.get('key') ?? undefined;
}

function sourceValue(incoming: Incoming, source: string): string {
  if (source.toLowerCase() === 'key') return presentedKey(incoming) ?? '';
  return incoming.headers[source.slice('header:'.length).toLowerCase()] ?? '';
}

function encode(value: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(value, 'utf8').toString('base64');
  if (encoding === 'url') return encodeURIComponent(value);
  return value;
}

/** The body with every echo template filled in; JSON bodies get JSON-escaped values. */
export function fillEchoes(body: unknown, incoming: Incoming): unknown {
  if (typeof body === 'string') return fillText(body, incoming, (value) => value);
  if (body === undefined) return body;
  const json = JSON.stringify(body);
  return JSON.parse(fillText(json, incoming, (value) => JSON.stringify(value).slice(1, -1))) as unknown;
}

function fillText(text: string, incoming: Incoming, escape: (value: string) => string): string {
  return text.replace(TEMPLATE, (_match, source: string, encoding: string | undefined) => escape(encode(sourceValue(incoming, source), encoding?.toLowerCase())));
}
