// The abort signal of one upstream attempt: fires when the client goes away or when the
// attempt's total time runs out, whichever is first. Disposed when the attempt ends so no
// timer or listener outlives it.

export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True when the total time ran out (as opposed to the client leaving). */
  readonly totalTimedOut: boolean;
  dispose(): void;
}

export function createAttemptSignal(client: AbortSignal, totalMs: number): AttemptSignal {
  const controller = new AbortController();
  let totalTimedOut = false;
  const onClientGone = (): void => controller.abort(client.reason);
  const timer = setTimeout(() => {
    totalTimedOut = true;
    controller.abort(new Error('attempt total timeout'));
  }, totalMs);
  timer.unref();
  if (client.aborted) onClientGone();
  else client.addEventListener('abort', onClientGone, { once: true });
  return {
    signal: controller.signal,
    get totalTimedOut() {
      return totalTimedOut;
    },
    dispose() {
      clearTimeout(timer);
      client.removeEventListener('abort', onClientGone);
    },
  };
}
