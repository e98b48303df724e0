// The abort signal of one upstream attempt: fires when the client goes away, when the attempt's
// total time runs out, or when the request's deadline passes before anything reached the client
// (the one deadline covers attempts, backoff and failover up to the commit point only).
// Disposed when the attempt ends so no timer or listener outlives it.

export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True when our own time ran out (as opposed to the client leaving). */
  readonly totalTimedOut: boolean;
  dispose(): void;
}

export interface CommitDeadline {
  /** What is left of the request's deadline when the attempt starts. */
  readonly ms: number;
  /** The client has seen the response start: the deadline no longer applies. */
  committed(): boolean;
}

export function createAttemptSignal(client: AbortSignal, totalMs: number, commitBy?: CommitDeadline): AttemptSignal {
  const controller = new AbortController();
  let totalTimedOut = false;
  const onClientGone = (): void => controller.abort(client.reason);
  const timeUp = (why: string) => (): void => {
    totalTimedOut = true;
    controller.abort(new Error(why));
  };
  const timers = [setTimeout(timeUp('attempt total timeout'), totalMs)];
  if (commitBy !== undefined) {
    timers.push(setTimeout(() => {
      if (!commitBy.committed()) timeUp('request deadline before the first byte')();
    }, Math.max(0, commitBy.ms)));
  }
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
