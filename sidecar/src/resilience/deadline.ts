// One deadline per client request. It covers every attempt, backoff and failover until the first
// byte goes to the client (Envoy: "the route timeout includes all retries"), so retrying can
// never stretch a request beyond it. After the commit point the stream's own idle timeout rules.

import type { Clock } from './clock.js';

export interface Deadline {
  readonly startedAt: number;
  readonly endsAt: number;
  remainingMs(): number;
  expired(): boolean;
  /** Whether waiting `waitMs` still leaves `expectedAttemptMs` for an attempt. */
  fits(waitMs: number, expectedAttemptMs?: number): boolean;
  /** An attempt's first-byte timeout, cut to what is left of the deadline. */
  clampTimeoutMs(timeoutMs: number): number;
}

/**
 * @example
 * const deadline = startDeadline(clock, 30_000);
 * deadline.fits(2_000, 1_500) // true while more than 3.5 s remain
 */
export function startDeadline(clock: Clock, budgetMs: number): Deadline {
  const startedAt = clock.now();
  const endsAt = startedAt + Math.max(0, budgetMs);
  const remainingMs = (): number => Math.max(0, endsAt - clock.now());
  return {
    startedAt,
    endsAt,
    remainingMs,
    expired: () => remainingMs() <= 0,
    fits: (waitMs, expectedAttemptMs = 0) => {
      const remaining = remainingMs();
      return remaining > 0 && waitMs + expectedAttemptMs < remaining;
    },
    clampTimeoutMs: (timeoutMs) => Math.max(0, Math.min(timeoutMs, remainingMs())),
  };
}
