import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GATEWAY_ERROR_CODES, type GatewayErrorCode } from '../errors/index.js';
import { backoffCeilingMs } from './backoff.js';
import { decideNext, type AttemptState, type Decision, type RetryPolicy } from './decide.js';
import { kindOf, type Outcome } from './outcome.js';

const policy: RetryPolicy = { maxAttempts: 5, maxAttemptsPerEndpoint: 2, backoff: { baseMs: 250, capMs: 8000 }, allowLargerContext: true };

const fresh: AttemptState = {
  attempts: 1,
  attemptsOnEndpoint: 1,
  remainingMs: 29_000,
  expectedAttemptMs: 0,
  endpointOpen: true,
  budgetAllows: true,
  next: { available: true, sameTarget: false, healthy: true, largerContext: false },
  jitter: 0.5,
};

const alone: AttemptState = { ...fresh, next: { available: false, sameTarget: false, healthy: false, largerContext: false } };

interface Row {
  readonly name: string;
  readonly outcome: Outcome;
  readonly state?: Partial<AttemptState>;
  readonly policy?: Partial<RetryPolicy>;
  readonly expected: Decision;
}

const rows: Row[] = [
  { name: 'a 503 is retried here after a jittered backoff', outcome: { code: 'upstream_overloaded' }, expected: { action: 'retry', delayMs: 125 } },
  { name: 'a 503 with Retry-After waits at least that long', outcome: { code: 'upstream_overloaded', retryAfterMs: 3000 }, expected: { action: 'retry', delayMs: 3000 } },
  { name: 'a 503 on an endpoint tried twice fails over', outcome: { code: 'upstream_overloaded' }, state: { attemptsOnEndpoint: 2, attempts: 2 }, expected: { action: 'failover', reason: 'transient', paid: false } },
  { name: 'a 503 on an endpoint just ejected fails over instead of retrying there', outcome: { code: 'upstream_server_error' }, state: { endpointOpen: false }, expected: { action: 'failover', reason: 'transient', paid: false } },
  { name: 'a 503 goes straight to another deployment of the same model', outcome: { code: 'upstream_overloaded' }, state: { next: { available: true, sameTarget: true, healthy: true, largerContext: false } }, expected: { action: 'failover', reason: 'transient', paid: false } },
  { name: 'a timeout fails over at once rather than waiting on the same endpoint again', outcome: { code: 'upstream_timeout' }, expected: { action: 'failover', reason: 'timeout', paid: false } },
  { name: 'a timeout on the only candidate is retried there once', outcome: { code: 'upstream_timeout' }, state: alone, expected: { action: 'retry', delayMs: 125 } },
  { name: 'a timeout with no budget left fails over to a healthy endpoint for free', outcome: { code: 'upstream_timeout' }, state: { budgetAllows: false }, expected: { action: 'failover', reason: 'timeout', paid: false } },
  { name: 'a reset with no budget and only struggling endpoints left gives up', outcome: { code: 'upstream_server_error' }, state: { budgetAllows: false, next: { available: true, sameTarget: false, healthy: false, largerContext: false } }, expected: { action: 'fail', error: { why: 'budget_exhausted', shouldRetry: false } } },
  { name: 'a failover to a struggling endpoint is paid from the budget', outcome: { code: 'upstream_overloaded' }, state: { attemptsOnEndpoint: 2, next: { available: true, sameTarget: false, healthy: false, largerContext: false } }, expected: { action: 'failover', reason: 'transient', paid: true } },
  { name: 'a 503 with a wait beyond the deadline and no one else gives up', outcome: { code: 'upstream_overloaded', retryAfterMs: 5000 }, state: { ...alone, remainingMs: 4000 }, expected: { action: 'fail', error: { why: 'deadline_exceeded', shouldRetry: false } } },
  { name: 'a 503 on the only endpoint, tried twice, gives up', outcome: { code: 'upstream_overloaded' }, state: { ...alone, attempts: 2, attemptsOnEndpoint: 2 }, expected: { action: 'fail', error: { why: 'attempts_exhausted', shouldRetry: false } } },
  { name: 'a 503 on the only endpoint with the budget spent gives up without inviting a client retry', outcome: { code: 'upstream_overloaded' }, state: { ...alone, budgetAllows: false }, expected: { action: 'fail', error: { why: 'budget_exhausted', shouldRetry: false } } },
  { name: 'a 429 fails over at once', outcome: { code: 'upstream_rate_limited', retryAfterMs: 2000 }, expected: { action: 'failover', reason: 'rate_limited', paid: false } },
  { name: 'a 429 with a single candidate waits Retry-After when it fits', outcome: { code: 'upstream_rate_limited', retryAfterMs: 2000 }, state: alone, expected: { action: 'retry', delayMs: 2000 } },
  { name: 'a 429 with a single candidate and a wait past the deadline fails fast with the hint', outcome: { code: 'upstream_rate_limited', retryAfterMs: 40_000 }, state: alone, expected: { action: 'fail', error: { why: 'retry_after_exceeds_deadline', shouldRetry: true, retryAfterMs: 40_000 } } },
  { name: 'a 429 with a single candidate and no budget fails without inviting a client retry', outcome: { code: 'upstream_rate_limited', retryAfterMs: 1000 }, state: { ...alone, budgetAllows: false }, expected: { action: 'fail', error: { why: 'budget_exhausted', shouldRetry: false } } },
  { name: 'quota exhaustion is never retried and fails over', outcome: { code: 'upstream_quota_exhausted' }, expected: { action: 'failover', reason: 'quota', paid: false } },
  { name: 'quota exhaustion with no one else fails', outcome: { code: 'upstream_quota_exhausted' }, state: alone, expected: { action: 'fail', error: { why: 'no_candidate', shouldRetry: false } } },
  { name: 'an auth failure is never retried and fails over', outcome: { code: 'upstream_auth' }, expected: { action: 'failover', reason: 'auth', paid: false } },
  { name: 'a 404 from a provider fails over', outcome: { code: 'upstream_not_found' }, expected: { action: 'failover', reason: 'not_found', paid: false } },
  { name: 'a 400 is relayed without retry or failover', outcome: { code: 'upstream_bad_request' }, expected: { action: 'fail', error: { why: 'request_at_fault', shouldRetry: false } } },
  { name: 'a context-length refusal goes to a larger window when the route allows', outcome: { code: 'context_length_exceeded' }, state: { next: { available: true, sameTarget: false, healthy: false, largerContext: true } }, expected: { action: 'failover', reason: 'context_length', paid: false } },
  { name: 'a context-length refusal is relayed when the route does not allow larger windows', outcome: { code: 'context_length_exceeded' }, state: { next: { available: true, sameTarget: false, healthy: true, largerContext: true } }, policy: { allowLargerContext: false }, expected: { action: 'fail', error: { why: 'context_length', shouldRetry: false } } },
  { name: 'a context-length refusal is relayed when no larger window is eligible', outcome: { code: 'context_length_exceeded' }, expected: { action: 'fail', error: { why: 'context_length', shouldRetry: false } } },
  { name: 'the last allowed attempt ends the request', outcome: { code: 'upstream_overloaded' }, state: { attempts: 5 }, expected: { action: 'fail', error: { why: 'attempts_exhausted', shouldRetry: false } } },
  { name: 'an exhausted deadline ends the request', outcome: { code: 'upstream_server_error' }, state: { remainingMs: 0 }, expected: { action: 'fail', error: { why: 'deadline_exceeded', shouldRetry: false } } },
  { name: 'a gateway bug is not retried', outcome: { code: 'internal' }, expected: { action: 'fail', error: { why: 'fatal', shouldRetry: false } } },
];

describe('decideNext', () => {
  it.each(rows)('$name', ({ outcome, state, policy: override, expected }) => {
    expect(decideNext(outcome, { ...fresh, ...state }, { ...policy, ...override })).toEqual(expected);
  });

  const codes = Object.keys(GATEWAY_ERROR_CODES) as GatewayErrorCode[];
  const outcomes = fc.record({
    code: fc.constantFrom(...codes),
    retryAfterMs: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
  });
  const states = fc.record({
    attempts: fc.integer({ min: 1, max: 6 }),
    attemptsOnEndpoint: fc.integer({ min: 1, max: 3 }),
    remainingMs: fc.integer({ min: 0, max: 30_000 }),
    expectedAttemptMs: fc.integer({ min: 0, max: 20_000 }),
    endpointOpen: fc.boolean(),
    budgetAllows: fc.boolean(),
    next: fc.record({ available: fc.boolean(), sameTarget: fc.boolean(), healthy: fc.boolean(), largerContext: fc.boolean() }),
    jitter: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  }).map((state) => ({ ...state, attemptsOnEndpoint: Math.min(state.attempts, state.attemptsOnEndpoint) }));
  const policies = fc.record({
    maxAttempts: fc.integer({ min: 1, max: 5 }),
    maxAttemptsPerEndpoint: fc.integer({ min: 1, max: 3 }),
    backoff: fc.record({ baseMs: fc.integer({ min: 0, max: 2000 }), capMs: fc.integer({ min: 0, max: 20_000 }) }),
    allowLargerContext: fc.boolean(),
  });

  it('a planned retry wait always leaves the expected attempt time inside the deadline', () => {
    fc.assert(fc.property(outcomes, states, policies, (outcome, state, retry) => {
      const decision = decideNext(outcome, state, retry);
      if (decision.action === 'retry') expect(decision.delayMs + state.expectedAttemptMs).toBeLessThan(state.remainingMs);
    }), { numRuns: 10_000 });
  });

  it('Retry-After lower-bounds the wait, and otherwise the wait is a backoff draw', () => {
    fc.assert(fc.property(outcomes, states, policies, (outcome, state, retry) => {
      const decision = decideNext(outcome, state, retry);
      if (decision.action !== 'retry') return;
      expect(decision.delayMs).toBeGreaterThanOrEqual(outcome.retryAfterMs ?? 0);
      const ceiling = backoffCeilingMs(state.attemptsOnEndpoint, retry.backoff);
      if (decision.delayMs !== outcome.retryAfterMs) expect(decision.delayMs).toBeLessThan(Math.max(1, ceiling));
    }), { numRuns: 10_000 });
  });

  it('never plans an attempt beyond the limits, nor one the budget cannot pay', () => {
    fc.assert(fc.property(outcomes, states, policies, (outcome, state, retry) => {
      const decision = decideNext(outcome, state, retry);
      if (decision.action === 'fail') return;
      expect(state.attempts).toBeLessThan(retry.maxAttempts);
      expect(state.remainingMs).toBeGreaterThan(0);
      if (decision.action === 'retry') {
        expect(state.budgetAllows).toBe(true);
        expect(state.attemptsOnEndpoint).toBeLessThan(retry.maxAttemptsPerEndpoint);
      }
      if (decision.action === 'failover' && decision.paid) expect(state.budgetAllows).toBe(true);
      if (decision.action === 'failover') expect(state.next.available || state.next.largerContext).toBe(true);
    }), { numRuns: 10_000 });
  });

  it('only transient failures, timeouts and rate limits are retried on the same endpoint; requests at fault go nowhere', () => {
    fc.assert(fc.property(outcomes, states, policies, (outcome, state, retry) => {
      const decision = decideNext(outcome, state, retry);
      const kind = kindOf(outcome.code);
      if (decision.action === 'retry') expect(['transient', 'timeout', 'rate_limited']).toContain(kind);
      if (kind === 'request_at_fault' || kind === 'fatal') expect(decision.action).toBe('fail');
    }), { numRuns: 5_000 });
  });
});
