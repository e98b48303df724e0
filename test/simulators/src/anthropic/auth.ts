import type { HttpAnswer } from '../http-answer.js';
import { bearerToken, type Incoming } from '../incoming.js';
import { envelope } from './errors.js';

/** `x-api-key` (or an OAuth bearer token) plus the mandatory `anthropic-version` header. */
export function checkAnthropicAuth(incoming: Incoming, expected: string | undefined): HttpAnswer | undefined {
  const presented = incoming.headers['x-api-key'] ?? bearerToken(incoming);
  if (expected !== undefined && presented === undefined) return envelope(401, 'authentication_error', 'x-api-key header is required');
  if (expected !== undefined && presented !== expected) return envelope(401, 'authentication_error', 'invalid x-api-key');
  if (incoming.headers['anthropic-version'] === undefined) return envelope(400, 'invalid_request_error', 'anthropic-version: header is required');
  return undefined;
}
