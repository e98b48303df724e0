import { GatewayError } from '../errors/index.js';
import type { Validated } from './validate-fields.js';

/** Parses a request body; malformed JSON is the client's `invalid_json`, never a 500. */
export function parseJsonBody(text: string): Validated<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    const detail = cause instanceof SyntaxError ? ` (${cause.message})` : '';
    return { ok: false, error: new GatewayError('invalid_json', `The request body is not valid JSON${detail}.`) };
  }
}
