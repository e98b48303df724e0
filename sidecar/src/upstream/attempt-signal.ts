// The abort signal of one upstream attempt: fires when the client goes away, when the attempt's
// total time runs out, or when a watchdog's time is up while it still applies: the request's
// deadline before anything reached the client (the one deadline covers attempts, backoff and
// failover up to the commit point only), or the first-byte timeout before the upstream answered.
// undici has its own headersTimeout, but above 1 s it runs on a coarse 0.5 s tick and may fire
// up to a second late; these timers are exact. Disposed when the attempt ends so no timer or
// listener outlives it.

export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True when our own time ran out (as opposed to the client leaving). */
  readonly totalTimedOut: boolean;
  dispose(): void;
}

export interface Watchdog {
  readonly ms: number;
  /** Still in force when the time is up (nothing reached the client; no headers arrived yet). */
  applies(): boolean;
  readonly why: string;
}

export function createAttemptSignal(client: AbortSignal, totalMs: number, watchdogs: readonly Watchdog[] = []): AttemptSignal {
  const controller = new AbortController();
  let totalTimedOut = false;
  const onClientGone = (): void => controller.abort(client.reason);
  const timeUp = (why: string) => (): void => {
    totalTimedOut = true;
    controller.abort(new Error(why));
  };
  const timers = [
    setTimeout(timeUp('attempt total timeout'), totalMs),
    ...watchdogs.map((watchdog) => setTimeout(() => {
      if (watchdog.applies()) timeUp(watchdog.why)();
    }, Math.max(0, watchdog.ms))),
  ];
  for (const timer of timers) timer.unref();
  if (client.aborted) onClientGone();
  else client.addEventListener('abort', onClientGone, { once: true });
  return {
    signal: controller.signal,
    get totalTimedOut() {
      return totalTimedOut;
    },
    dispose() {
      for (const timer of timers) clearTimeout(timer);
      client.removeEventListener('abort', onClientGone);
    },
  };
}
