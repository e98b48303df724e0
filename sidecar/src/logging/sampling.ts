// Which requests get a full request/response record. The choice is a function of the request id
// alone, so it is the same on every replay and a test can count it; a route with rate r keeps the
// ids whose point falls below r.

import { createHash } from 'node:crypto';

const TWO_TO_32 = 2 ** 32;

/** The request id's fixed place in [0, 1): the first 32 bits of its SHA-256. */
export function samplePoint(requestId: string): number {
  return createHash('sha256').update(requestId, 'utf8').digest().readUInt32BE(0) / TWO_TO_32;
}

/** @example isSampled('req-1', 0) // false; isSampled('req-1', 1) // true */
export function isSampled(requestId: string, rate: number): boolean {
  return rate > 0 && samplePoint(requestId) < rate;
}
