// Exponential backoff with full jitter: retry n waits a uniform draw from
// [0, min(cap, base · 2^(n-1))). Of the jitter variants AWS compared ("Exponential Backoff And
// Jitter"), full jitter does the least total work; gRPC (A6) and Envoy use the same shape.

import type { Random } from './random.js';

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/** The exclusive upper bound of the wait before retry `retry` (1 for the first retry). */
export function backoffCeilingMs(retry: number, policy: BackoffPolicy): number {
  // Beyond 2^60 the cap has long won; stopping there keeps 0 · 2^n finite (2^1024 is Infinity).
  const exponent = Math.min(60, Math.max(0, retry - 1));
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/**
 * @example backoffDelayMs(3, { baseMs: 250, capMs: 8000 }, () => 0.5) // 500
 */
export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: Random): number {
  return Math.floor(random() * backoffCeilingMs(retry, policy));
}

/**
 * The waits before retries 1..count, drawn in order from one source. With a seeded source the
 * same seed gives the same schedule.
 *
 * @example backoffSchedule(3, { baseMs: 100, capMs: 1000 }, seededRandom(7)) // [1, 12, 390]
 */
export function backoffSchedule(count: number, policy: BackoffPolicy, random: Random): number[] {
  return Array.from({ length: count }, (_, index) => backoffDelayMs(index + 1, policy, random));
}
