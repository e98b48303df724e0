// What to do after a failed attempt, as a run of guard clauses over the one classification
// (outcome.ts). Pure: the attempt loop gathers the state (deadline, budget, what failover could
// reach, a jitter draw) and carries out the decision. Shaped after undici's RetryHandler and
// gRPC A6: the first guard that matches decides, and each says why.

import { backoffDelayMs, type BackoffPolicy } from './backoff.js';
import { kindOf, type Outcome, type OutcomeKind } from './outcome.js';

export interface RetryPolicy {
  /** Upstream attempts for one request, every endpoint counted (gRPC caps this at 5). */
  readonly maxAttempts: number;
  /** Attempts on any one endpoint before moving on. */
  readonly maxAttemptsPerEndpoint: number;
  readonly backoff: BackoffPolicy;
  /** The route lets a context-length failure move to a target with a larger window. */
  readonly allowLargerContext: boolean;
}

/** What a failover could reach right now (eligible, admitted by health, fits the deadline). */
export interface FailoverView {
  readonly available: boolean;
  /** The next candidate serves the same target (another deployment of the same model). */
  readonly sameTarget: boolean;
  /** The next endpoint's last outcome was a success, so going there needs no retry budget. */
  readonly healthy: boolean;
  /** An eligible target with a larger context window than the one that refused. */
  readonly largerContext: boolean;
}

export interface AttemptState {
  /** Upstream attempts so far, the failed one included. */
  readonly attempts: number;
  /** Attempts so far on the endpoint that failed. */
  readonly attemptsOnEndpoint: number;
  readonly remainingMs: number;
  /** Recent p95 time to first byte of the endpoint that failed; 0 when unknown. */
  readonly expectedAttemptMs: number;
  /** The endpoint that failed still takes requests (not ejected or cooling down). */
  readonly endpointOpen: boolean;
  /** The retry budget can pay for one more attempt. */
  readonly budgetAllows: boolean;
  readonly next: FailoverView;
  /** A uniform draw in [0, 1) for the backoff jitter. */
  readonly jitter: number;
}

export type FailWhy =
  | 'request_at_fault'
  | 'fatal'
  | 'context_length'
  | 'attempts_exhausted'
  | 'deadline_exceeded'
  | 'budget_exhausted'
  | 'retry_after_exceeds_deadline'
  | 'no_candidate';

/** How the client is told whether trying again helps (x-should-retry, retry-after). */
export interface FailAdvice {
  readonly why: FailWhy;
  readonly shouldRetry: boolean;
  readonly retryAfterMs?: number;
}

export type Decision =
  | { readonly action: 'retry'; readonly delayMs: number }
  | { readonly action: 'failover'; readonly reason: OutcomeKind; readonly paid: boolean }
  | { readonly action: 'fail'; readonly error: FailAdvice };

/**
 * @example
 * decideNext({ code: 'upstream_overloaded' }, { attempts: 1, attemptsOnEndpoint: 1, remainingMs: 29_000, jitter: 0.5, … }, policy)
 *   // → { action: 'retry', delayMs: 125 } with base 250 ms
 */
export function decideNext(outcome: Outcome, state: AttemptState, policy: RetryPolicy): Decision {
  const kind = kindOf(outcome.code);
  if (kind === 'request_at_fault' || kind === 'fatal') return fail(kind);
  if (kind === 'context_length') return decideContext(state, policy);
  if (state.attempts >= policy.maxAttempts) return fail('attempts_exhausted');
  if (state.remainingMs <= 0) return fail('deadline_exceeded');
  if (kind === 'rate_limited') return decideRateLimited(outcome, state, policy);
  if (kind === 'transient' || kind === 'timeout') return decideTransient(kind, outcome, state, policy);
  return failoverOr(kind, state, fail(state.next.available ? 'budget_exhausted' : 'no_candidate'));
}

function decideContext(state: AttemptState, policy: RetryPolicy): Decision {
  if (!policy.allowLargerContext || !state.next.largerContext) return fail('context_length');
  if (state.attempts >= policy.maxAttempts) return fail('attempts_exhausted');
  if (state.remainingMs <= 0) return fail('deadline_exceeded');
  // A different model is asked, not the same one again: no storm to guard against.
  return { action: 'failover', reason: 'context_length', paid: false };
}

/** 429: the endpoint said when it can take more; anyone else can take it now. */
function decideRateLimited(outcome: Outcome, state: AttemptState, policy: RetryPolicy): Decision {
  if (canFailover(state)) return failover('rate_limited', state);
  const waitMs = Math.max(outcome.retryAfterMs ?? 0, backoff(state, policy));
  if (!state.budgetAllows) return fail('budget_exhausted');
  // The client may come back after Retry-After; without one we have no better hint than ours.
  const later = (why: FailWhy): Decision => fail(why, outcome.retryAfterMs !== undefined, outcome.retryAfterMs);
  if (state.attemptsOnEndpoint >= policy.maxAttemptsPerEndpoint) return later('attempts_exhausted');
  if (!fits(waitMs, state)) return later('retry_after_exceeds_deadline');
  return { action: 'retry', delayMs: waitMs };
}

/**
 * Overloaded, server error, reset: back off and retry here, then fail over to another target.
 * Another deployment of the same model is as good as this one, so it goes first; so does anyone
 * after a timeout.
 */
function decideTransient(kind: 'transient' | 'timeout', outcome: Outcome, state: AttemptState, policy: RetryPolicy): Decision {
  if ((kind === 'timeout' || state.next.sameTarget) && canFailover(state)) return failover(kind, state);
  const delayMs = Math.max(outcome.retryAfterMs ?? 0, backoff(state, policy));
  const blocked = whyNotHere(delayMs, state, policy);
  if (blocked === null) return { action: 'retry', delayMs };
  if (!state.next.available) return fail(blocked);
  return failoverOr(kind, state, fail('budget_exhausted'));
}

function whyNotHere(delayMs: number, state: AttemptState, policy: RetryPolicy): FailWhy | null {
  if (!state.endpointOpen) return 'no_candidate';
  if (!state.budgetAllows) return 'budget_exhausted';
  if (state.attemptsOnEndpoint >= policy.maxAttemptsPerEndpoint) return 'attempts_exhausted';
  if (!fits(delayMs, state)) return 'deadline_exceeded';
  return null;
}

function failoverOr(reason: OutcomeKind, state: AttemptState, otherwise: Decision): Decision {
  return canFailover(state) ? failover(reason, state) : otherwise;
}

function canFailover(state: AttemptState): boolean {
  return state.next.available && (state.next.healthy || state.budgetAllows);
}

function failover(reason: OutcomeKind, state: AttemptState): Decision {
  return { action: 'failover', reason, paid: !state.next.healthy };
}

function backoff(state: AttemptState, policy: RetryPolicy): number {
  return backoffDelayMs(state.attemptsOnEndpoint, policy.backoff, () => state.jitter);
}

function fits(waitMs: number, state: AttemptState): boolean {
  return waitMs + state.expectedAttemptMs < state.remainingMs;
}

function fail(why: FailWhy, shouldRetry = false, retryAfterMs?: number): Decision {
  return { action: 'fail', error: { why, shouldRetry, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } };
}
