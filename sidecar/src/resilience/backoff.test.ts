import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { backoffCeilingMs, backoffDelayMs, backoffSchedule } from './backoff.js';
import { seededRandom } from './random.js';

const policies = fc.record({ baseMs: fc.integer({ min: 0, max: 10_000 }), capMs: fc.integer({ min: 0, max: 120_000 }) });

describe('backoff with full jitter', () => {
  it.each([
    { name: 'the first retry waits below the base', retry: 1, ceiling: 250 },
    { name: 'each later retry doubles the ceiling', retry: 3, ceiling: 1000 },
    { name: 'the ceiling stops at the cap', retry: 10, ceiling: 8000 },
    { name: 'a huge retry number still yields the cap', retry: 5000, ceiling: 8000 },
  ])('$name', ({ retry, ceiling }) => {
    expect(backoffCeilingMs(retry, { baseMs: 250, capMs: 8000 })).toBe(ceiling);
  });

  it('every delay lies in [0, min(cap, base·2^(n-1)))', () => {
    fc.assert(fc.property(policies, fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (policy, retry, draw) => {
        const delay = backoffDelayMs(retry, policy, () => draw);
        const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1));
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        if (ceiling > 0) expect(delay).toBeLessThan(ceiling);
        else expect(delay).toBe(0);
      }), { numRuns: 10_000 });
  });

  it('the same seed gives the same schedule', () => {
    fc.assert(fc.property(fc.integer(), policies, fc.integer({ min: 0, max: 20 }), (seed, policy, count) => {
      expect(backoffSchedule(count, policy, seededRandom(seed))).toEqual(backoffSchedule(count, policy, seededRandom(seed)));
    }));
  });

  it('different seeds spread the waits (jitter is real)', () => {
    const firstWaits = new Set(Array.from({ length: 200 }, (_, seed) => backoffDelayMs(4, { baseMs: 250, capMs: 8000 }, seededRandom(seed))));
    expect(firstWaits.size).toBeGreaterThan(150);
  });

  it('the seeded source draws uniformly enough for jitter', () => {
    const random = seededRandom(1);
    const buckets = new Array<number>(10).fill(0);
    for (let index = 0; index < 100_000; index += 1) {
      const bucket = Math.floor(random() * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
