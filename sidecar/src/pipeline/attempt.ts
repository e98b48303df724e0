// Stage 3: tries candidates in order. The commit point of the whole pipeline: a candidate may be
// replaced only while nothing has gone to the client; once the response has started, the
// attempt owns the outcome (a stream ends with an error event) and nothing is tried again.

import type { Exchange } from '../http/exchange.js';
import { describeError } from '../metrics/log.js';
import type { Candidate } from './candidates.js';
import type { AttemptOutcome, Failure } from './failure.js';

export interface AttemptState {
  /** 1-based number of the attempt that just failed. */
  readonly attempt: number;
  /** Candidates not yet tried. */
  readonly candidatesLeft: number;
}

export type Decision = { readonly action: 'next' } | { readonly action: 'stop'; readonly why: string };

/** What to do after a failure. Backoff, deadlines, Retry-After and retry budgets extend this. */
export type DecideNext = (failure: Failure, state: AttemptState) => Decision;

export const decideNext: DecideNext = (failure, state) => {
  if (failure.requestAtFault) return { action: 'stop', why: 'the request is at fault' };
  if (state.candidatesLeft === 0) return { action: 'stop', why: 'no candidates left' };
  return { action: 'next' };
};

/**
 * Runs `attempt` for each candidate until one serves the request or the policy stops. Throws
 * the last failure's error when none served (the caller answers with it).
 *
 * @example await runAttempts(ex, candidates, (candidate) => attemptChat(ex, request, candidate));
 */
export async function runAttempts(
  ex: Exchange,
  candidates: readonly Candidate[],
  attempt: (candidate: Candidate) => Promise<AttemptOutcome>,
  decide: DecideNext = decideNext,
): Promise<void> {
  let last: Failure | undefined;
  for (const [index, candidate] of candidates.entries()) {
    if (ex.signal.aborted) return;
    ex.report.provider = candidate.backend.endpoint.adapter.name;
    const outcome = await attempt(candidate);
    if (outcome.ok || ex.res.headersSent || ex.signal.aborted) return;
    last = outcome.failure;
    logFailure(ex, candidate, last);
    if (decide(last, { attempt: index + 1, candidatesLeft: candidates.length - index - 1 }).action === 'stop') break;
  }
  if (last !== undefined) throw last.error;
}

function logFailure(ex: Exchange, candidate: Candidate, failure: Failure): void {
  const level = failure.error.code === 'internal' ? 'error' : 'warn';
  ex.log[level]('upstream attempt failed', {
    requestId: ex.requestId,
    target: candidate.target.name,
    endpoint: candidate.backend.endpoint.id,
    code: failure.error.code,
    upstreamStatus: failure.upstreamStatus,
    message: failure.error.message,
    cause: failure.error.code === 'internal' ? describeError(failure.error.cause) : undefined,
  });
}
