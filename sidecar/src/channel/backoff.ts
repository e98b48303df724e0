// Reconnect delays: exponential with full jitter (0.5 s doubling up to 30 s, then a uniform pick
// below that cap), so sidecars cut off together do not come back together.

export interface BackoffOptions {
  readonly baseMs?: number;
  readonly maxMs?: number;
  readonly random?: () => number;
}

/** @example reconnectDelay(3) // somewhere in [0, 4000) */
export function reconnectDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const cap = Math.min(options.maxMs ?? 30_000, base * 2 ** Math.max(0, attempt));
  return Math.floor((options.random ?? Math.random)() * cap);
}
