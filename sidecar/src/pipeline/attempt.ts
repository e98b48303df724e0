// Stage 3: the attempt loop. The retry layer (resilience/loop.ts) picks each candidate, decides
// on retry, backoff and failover, and keeps health, latency and the retry budget; this stage
// runs the attempts and turns a final failure into the client's error with advice on retrying.
// The commit point of the whole pipeline: once the response has started, the attempt owns the
// outcome (a stream ends with an error event) and nothing is tried again.

import type { RouteRuntime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { Exchange } from '../http/exchange.js';
import { describeError } from '../metrics/log.js';
import { runResilient, startDeadline, type AttemptContext, type AttemptResult, type FailAdvice, type LoopResult } from '../resilience/index.js';
import type { Candidate, CandidatePlan } from './candidates.js';
import { outcomeOf, type Failure, type TimedOutcome } from './failure.js';
import { runtimeOf } from './intake.js';

export type Attempt = (candidate: Candidate, context: AttemptContext) => Promise<TimedOutcome>;

/**
 * Runs attempts until one serves the request or the retry layer stops; then throws the error the
 * client gets. Returns quietly when the client went away.
 *
 * @example await runAttempts(ex, route, plan, (candidate, ctx) => attemptChat(ex, request, route, candidate, ctx));
 */
export async function runAttempts(ex: Exchange, route: RouteRuntime, plan: CandidatePlan, attempt: Attempt): Promise<void> {
  const { resilience } = runtimeOf(ex);
  let last: Failure | undefined;
  const result: LoopResult<Candidate> = await runResilient({
    route: route.name,
    candidates: plan.candidates,
    needs: plan.needs,
    allowedEndpoints: plan.allowedEndpoints,
    policy: route.retryPolicy,
    deadline: startDeadline(resilience.clock, route.compiled.retry.deadlineMs),
    state: resilience.state,
    timers: resilience.timers,
    random: resilience.random,
    signal: ex.signal,
    canaryReady: (id) => resilience.canaryReady(id),
    attempt: async (candidate, context) => {
      ex.report.provider = candidate.backend.endpoint.adapter.name;
      ex.report.attempts += 1;
      const timed = await attempt(candidate, context);
      const { outcome } = timed;
      if (outcome.kind === 'served' || outcome.kind === 'broken') reportServed(ex, candidate, timed);
      if (outcome.kind === 'failed' || outcome.kind === 'broken') {
        last = outcome.failure;
        logFailure(ex, candidate, outcome.failure, outcome.kind === 'broken');
      }
      return toResult(timed);
    },
  });
  if (result.kind === 'failed') throw clientError(route, last, result.advice);
}

function reportServed(ex: Exchange, candidate: Candidate, timed: TimedOutcome): void {
  const { backend } = candidate;
  ex.report.served = {
    target: candidate.target, endpointId: backend.endpoint.id, model: candidate.targetRuntime.model,
    upstreamModel: backend.upstreamModel, pricing: backend.pricing,
  };
  ex.report.upstreamFirstByteMs = timed.firstByteMs;
  ex.report.upstreamMs = timed.elapsedMs;
}

function toResult({ outcome, firstByteMs, elapsedMs }: TimedOutcome): AttemptResult {
  switch (outcome.kind) {
    case 'served': return { kind: 'served', firstByteMs };
    case 'broken': return { kind: 'broken_after_commit', firstByteMs, outcome: outcomeOf(outcome.failure) };
    case 'failed': return { kind: 'failed', outcome: outcomeOf(outcome.failure), elapsedMs };
    case 'aborted': return { kind: 'aborted' };
  }
}

/**
 * The last failure, told whether trying again helps: we are the only retry layer, so SDKs are
 * asked not to add theirs (x-should-retry: false) unless a Retry-After says when it will work.
 */
function clientError(route: RouteRuntime, last: Failure | undefined, advice: FailAdvice): GatewayError {
  const options = { retryable: advice.shouldRetry, ...(advice.retryAfterMs === undefined ? {} : { retryAfterMs: advice.retryAfterMs }) };
  if (last === undefined) {
    const message = advice.why === 'deadline_exceeded'
      ? `No endpoint of route '${route.name}' can answer within the request deadline.`
      : `No endpoint of route '${route.name}' may serve this request right now.`;
    return new GatewayError(advice.why === 'deadline_exceeded' ? 'upstream_timeout' : 'no_route', message, options);
  }
  const { error } = last;
  return new GatewayError(error.code, error.message, { ...options, ...(error.param === undefined ? {} : { param: error.param }), cause: error });
}

function logFailure(ex: Exchange, candidate: Candidate, failure: Failure, afterCommit: boolean): void {
  const level = failure.error.code === 'internal' ? 'error' : 'warn';
  ex.log[level](afterCommit ? 'upstream failed after the first byte' : 'upstream attempt failed', {
    requestId: ex.requestId,
    target: candidate.target,
    endpoint: candidate.endpointId,
    code: failure.error.code,
    upstreamStatus: failure.upstreamStatus,
    message: failure.error.message,
    cause: failure.error.code === 'internal' ? describeError(failure.error.cause) : undefined,
  });
}
