// The one retry layer: tries candidates until one serves the request, the deadline runs out, or
// decideNext says stop. Health admits each attempt and learns from it, the retry budget pays for
// extra attempts, eligibility picks each failover target. The caller's `attempt` does the I/O and
// says whether the client has seen a byte; after that nothing here retries (the commit point).

import { sleep, type Timers } from './clock.js';
import type { Deadline } from './deadline.js';
import { decideNext, type AttemptState, type FailAdvice, type FailoverView, type RetryPolicy } from './decide.js';
import { selectEligible, type CandidateView, type Eligible, type RequestNeeds } from './eligibility.js';
import type { Admission } from './health.js';
import { healthSignalOf, kindOf, type Outcome } from './outcome.js';
import type { Random } from './random.js';
import type { ResilienceState } from './state.js';

export type AttemptResult =
  | { readonly kind: 'served'; readonly firstByteMs: number }
  /** The client got bytes, then the upstream broke: final, but the endpoint failed. */
  | { readonly kind: 'broken_after_commit'; readonly firstByteMs: number; readonly outcome: Outcome }
  | { readonly kind: 'failed'; readonly outcome: Outcome; readonly elapsedMs: number }
  | { readonly kind: 'aborted' };

export interface AttemptContext {
  readonly admission: Admission;
  /** 1-based. */
  readonly attempt: number;
  /** What is left of the deadline: the attempt's first-byte timeout must not exceed it. */
  readonly remainingMs: number;
}

export type LoopResult<C> =
  | { readonly kind: 'served'; readonly candidate: C; readonly attempts: number }
  | { readonly kind: 'failed'; readonly outcome: Outcome | null; readonly advice: FailAdvice; readonly attempts: number }
  | { readonly kind: 'aborted'; readonly attempts: number };

export interface LoopInput<C extends CandidateView> {
  readonly route: string;
  /** Most preferred first. */
  readonly candidates: readonly C[];
  readonly needs: RequestNeeds;
  readonly allowedEndpoints: ReadonlySet<string> | null;
  readonly policy: RetryPolicy;
  readonly deadline: Deadline;
  readonly state: ResilienceState;
  readonly timers: Timers;
  readonly random: Random;
  readonly signal: AbortSignal;
  readonly canaryReady?: (endpointId: string) => boolean | undefined;
  attempt(candidate: C, context: AttemptContext): Promise<AttemptResult>;
}

/**
 * @example
 * const result = await runResilient({ route: 'chat', candidates, …, attempt: (candidate, ctx) => send(candidate, ctx) });
 * if (result.kind === 'failed') respondWithError(result.outcome, result.advice);
 */
export async function runResilient<C extends CandidateView>(input: LoopInput<C>): Promise<LoopResult<C>> {
  const { state } = input;
  const budget = state.budget(input.route);
  budget.recordRequest();
  const tried = new Set<string>();
  const perEndpoint = new Map<string, number>();
  let candidate: C | undefined = eligible(input, tried, 0).candidates[0];
  if (candidate === undefined) return { kind: 'failed', outcome: null, advice: noCandidateAdvice(input, tried), attempts: 0 };
  for (let attempts = 1; ; attempts += 1) {
    const id: string = candidate.endpointId;
    // Eligibility offered it, so it is open, probe-ready or a panic pick, or this is a retry after a wait.
    const admission: Admission = state.health(id).admit(true) ?? 'panic';
    tried.add(id);
    perEndpoint.set(id, (perEndpoint.get(id) ?? 0) + 1);
    const result: AttemptResult = await input.attempt(candidate, { admission, attempt: attempts, remainingMs: input.deadline.remainingMs() });
    learn(input, id, admission, result);
    if (result.kind === 'served' || result.kind === 'broken_after_commit') return { kind: 'served', candidate, attempts };
    if (result.kind === 'aborted' || input.signal.aborted) return { kind: 'aborted', attempts };
    const next: Next<C> = nextStep(input, result.outcome, candidate, tried, attempts, perEndpoint.get(id) ?? 0);
    if (next.kind === 'fail') {
      state.events.gaveUp({ route: input.route, why: next.advice.why });
      return { kind: 'failed', outcome: result.outcome, advice: next.advice, attempts };
    }
    const kind = kindOf(result.outcome.code);
    if (next.kind === 'retry') {
      budget.tryRetry();
      state.events.retry({ route: input.route, endpointId: id, kind, delayMs: next.delayMs });
      if (!(await sleep(input.timers, next.delayMs, input.signal))) return { kind: 'aborted', attempts };
      continue;
    }
    if (next.paid) budget.tryRetry();
    else budget.recordFreeRetry();
    state.events.failover({ route: input.route, from: id, reason: kind });
    candidate = next.candidate;
  }
}

type Next<C> =
  | { readonly kind: 'fail'; readonly advice: FailAdvice }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'failover'; readonly candidate: C; readonly paid: boolean };

function nextStep<C extends CandidateView>(
  input: LoopInput<C>, outcome: Outcome, failed: C, tried: ReadonlySet<string>, attempts: number, attemptsOnEndpoint: number,
): Next<C> {
  const { state } = input;
  const health = state.health(failed.endpointId);
  const onward = eligible(input, tried, 0);
  const larger = eligible(input, tried, failed.capabilities.contextWindowTokens);
  const target = kindOf(outcome.code) === 'context_length' ? larger : onward;
  const attemptState: AttemptState = {
    attempts,
    attemptsOnEndpoint,
    remainingMs: input.deadline.remainingMs(),
    expectedAttemptMs: state.latency(failed.endpointId).p95() ?? 0,
    endpointOpen: health.admits(),
    budgetAllows: state.budget(input.route).canRetry(),
    next: failoverView(input, failed, onward, larger),
    jitter: input.random(),
  };
  const decision = decideNext(outcome, attemptState, input.policy);
  if (decision.action === 'fail') return { kind: 'fail', advice: decision.error };
  if (decision.action === 'retry') return { kind: 'retry', delayMs: decision.delayMs };
  const candidate = target.candidates[0];
  if (candidate === undefined) return { kind: 'fail', advice: { why: 'no_candidate', shouldRetry: false } };
  return { kind: 'failover', candidate, paid: decision.paid };
}

function failoverView<C extends CandidateView>(input: LoopInput<C>, failed: C, onward: Eligible<C>, larger: Eligible<C>): FailoverView {
  const first = onward.candidates[0];
  return {
    available: first !== undefined,
    sameTarget: first !== undefined && first.target === failed.target,
    healthy: first !== undefined && input.state.health(first.endpointId).inGoodStanding(),
    largerContext: larger.candidates.length > 0,
  };
}

function eligible<C extends CandidateView>(input: LoopInput<C>, tried: ReadonlySet<string>, contextWindowAbove: number): Eligible<C> {
  const { state } = input;
  return selectEligible(input.candidates, {
    needs: input.needs,
    allowedEndpoints: input.allowedEndpoints,
    tried,
    contextWindowAbove,
    remainingMs: input.deadline.remainingMs(),
    health: (id) => {
      const health = state.health(id);
      return { admits: health.admits(), ejectedUntil: health.snapshot().ejectedUntil };
    },
    p95: (id) => state.latency(id).p95(),
    canaryReady: (id) => input.canaryReady?.(id),
  });
}

function noCandidateAdvice<C extends CandidateView>(input: LoopInput<C>, tried: ReadonlySet<string>): FailAdvice {
  const tooSlow = eligible(input, tried, 0).skipped.some((skip) => skip.why === 'too_slow');
  return { why: tooSlow ? 'deadline_exceeded' : 'no_candidate', shouldRetry: false };
}

/** Health, latency and metrics learn from every attempt, committed or not. */
function learn<C extends CandidateView>(input: LoopInput<C>, endpointId: string, admission: Admission, result: AttemptResult): void {
  const { state } = input;
  const health = state.health(endpointId);
  const report = (change: ReturnType<typeof health.record>): void => {
    if (change !== null) state.events.health(endpointId, change);
  };
  if (result.kind === 'aborted') {
    report(health.record(admission, 'neutral'));
    return;
  }
  if (result.kind === 'served') {
    state.latency(endpointId).record(result.firstByteMs);
    report(health.record(admission, 'success'));
    state.events.attempt({ route: input.route, endpointId, kind: 'ok', code: null });
    return;
  }
  const { outcome } = result;
  if (result.kind === 'broken_after_commit') state.latency(endpointId).record(result.firstByteMs);
  if (result.kind === 'failed' && outcome.code === 'upstream_timeout') state.latency(endpointId).record(result.elapsedMs);
  report(health.record(admission, healthSignalOf(outcome.code), outcome.retryAfterMs));
  state.events.attempt({ route: input.route, endpointId, kind: kindOf(outcome.code), code: outcome.code });
}
