// Hashed log fields: HMAC-SHA-256 under the route's secret key, because a plain hash of a value
// from a small space (an SSN, a phone number, a user id) is reversed by trying them all.

import { createHmac } from 'node:crypto';

/** Turns a field value into its token; undefined when the route's hash key has not arrived. */
export type Hasher = (value: string) => string | undefined;

/** 128 bits of the MAC are plenty to join log lines and far too few to carry the value. */
const TOKEN_HEX_CHARS = 32;

/** @example keyedHash('k')('123-45-6789') // 'hmac:9f1c…' (same key and value, same token) */
export function keyedHash(key: string | undefined): Hasher {
  if (key === undefined || key === '') return () => undefined;
  return (value) => `hmac:${createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, TOKEN_HEX_CHARS)}`;
}
