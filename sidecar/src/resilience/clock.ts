// Time as the resilience modules see it. Every module takes a Clock (and the canary a Timers) so
// tests drive time by hand: ejection cooldowns, Retry-After waits and deadlines are asserted
// without sleeping (Envoy's outlier tests run on simulated time for the same reason).

import { performance } from 'node:perf_hooks';

/** Milliseconds on a monotonic scale; only differences between readings mean anything. */
export interface Clock {
  now(): number;
}

export interface TimerHandle {
  cancel(): void;
}

export interface Timers {
  /** Runs `run` once after `ms`; the timer never keeps the process alive. */
  after(ms: number, run: () => void): TimerHandle;
}

export const systemClock: Clock = { now: () => performance.now() };

export const systemTimers: Timers = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Waits `ms` on the given timers; resolves early (false) when the signal aborts. */
export function sleep(timers: Timers, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted === true) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      timer.cancel();
      resolve(false);
    };
    const timer = timers.after(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
