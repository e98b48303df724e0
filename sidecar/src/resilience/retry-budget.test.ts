import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ManualClock } from '../../../test/sidecar/resilience/manual-clock.js';
import { RetryBudget } from './retry-budget.js';

const linkerdLike = { percent: 20, minRetriesPerSecond: 1, windowMs: 10_000 };

function spend(budget: RetryBudget): number {
  let granted = 0;
  while (budget.tryRetry()) granted += 1;
  return granted;
}

describe('the retry budget', () => {
  it('a quiet sidecar still gets the floor of retries per window', () => {
    const budget = new RetryBudget(linkerdLike, new ManualClock());
    expect(spend(budget)).toBe(10);
  });

  it('allows percent of the requests seen plus the floor', () => {
    const budget = new RetryBudget(linkerdLike, new ManualClock());
    for (let index = 0; index < 100; index += 1) budget.recordRequest();
    expect(spend(budget)).toBe(30);
  });

  it('forgets requests and retries older than the window', () => {
    const clock = new ManualClock();
    const budget = new RetryBudget(linkerdLike, clock);
    for (let index = 0; index < 100; index += 1) budget.recordRequest();
    spend(budget);
    clock.advance(10_000);
    expect(budget.snapshot()).toEqual({ requests: 0, retries: 0, allowance: 10 });
  });

  it('free failovers count as retries (they add upstream load) but are never refused', () => {
    const budget = new RetryBudget(linkerdLike, new ManualClock());
    for (let index = 0; index < 12; index += 1) budget.recordFreeRetry();
    expect(budget.canRetry()).toBe(false);
    expect(budget.snapshot().retries).toBe(12);
  });

  it('a new policy applies to the counts already seen', () => {
    const budget = new RetryBudget(linkerdLike, new ManualClock());
    for (let index = 0; index < 100; index += 1) budget.recordRequest();
    budget.setPolicy({ ...linkerdLike, percent: 50 });
    expect(budget.snapshot().allowance).toBe(60);
  });

  it('under a storm where every request wants retries, attempts per request stay within 1 + percent + floor', () => {
    fc.assert(fc.property(
      fc.integer({ min: 50, max: 400 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5 }),
      (requestsPerSecond, wantedRetries, percent, floor) => {
        const clock = new ManualClock();
        const policy = { percent, minRetriesPerSecond: floor, windowMs: 10_000 };
        const budget = new RetryBudget(policy, clock);
        const stepMs = 1000 / requestsPerSecond;
        let requests = 0;
        let attempts = 0;
        for (let index = 0; index < requestsPerSecond * 30; index += 1) {
          clock.advance(stepMs);
          budget.recordRequest();
          const measured = clock.now() - 1_000_000 > 10_000;
          let extra = 0;
          for (let retry = 0; retry < wantedRetries && budget.tryRetry(); retry += 1) extra += 1;
          if (measured) {
            requests += 1;
            attempts += 1 + extra;
          }
        }
        const bound = 1 + percent / 100 + floor / requestsPerSecond;
        expect(attempts / requests).toBeLessThanOrEqual(bound + 0.01);
      }), { numRuns: 60 });
  });
});
