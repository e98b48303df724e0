import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ManualClock } from '../../../test/sidecar/resilience/manual-clock.js';
import { startDeadline } from './deadline.js';

describe('the request deadline', () => {
  it.each([
    { name: 'a wait that leaves room for the attempt fits', elapsed: 0, wait: 2_000, attempt: 1_000, fits: true },
    { name: 'a wait that eats the attempt does not fit', elapsed: 27_500, wait: 2_000, attempt: 1_000, fits: false },
    { name: 'a wait ending exactly at the deadline does not fit', elapsed: 28_000, wait: 2_000, attempt: 0, fits: false },
    { name: 'nothing fits once the deadline has passed', elapsed: 31_000, wait: 0, attempt: 0, fits: false },
  ])('$name', ({ elapsed, wait, attempt, fits }) => {
    const clock = new ManualClock();
    const deadline = startDeadline(clock, 30_000);
    clock.advance(elapsed);
    expect(deadline.fits(wait, attempt)).toBe(fits);
  });

  it('cuts an attempt timeout to what is left', () => {
    const clock = new ManualClock();
    const deadline = startDeadline(clock, 30_000);
    clock.advance(29_000);
    expect(deadline.clampTimeoutMs(60_000)).toBe(1_000);
    expect(deadline.clampTimeoutMs(500)).toBe(500);
    clock.advance(5_000);
    expect(deadline.clampTimeoutMs(60_000)).toBe(0);
    expect(deadline.expired()).toBe(true);
  });

  it('remaining time never goes below zero nor above the budget, and only shrinks', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60_000 }), fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 20 }),
      (budget, steps) => {
        const clock = new ManualClock();
        const deadline = startDeadline(clock, budget);
        let previous = deadline.remainingMs();
        expect(previous).toBe(budget);
        for (const step of steps) {
          clock.advance(step);
          const remaining = deadline.remainingMs();
          expect(remaining).toBeGreaterThanOrEqual(0);
          expect(remaining).toBeLessThanOrEqual(previous);
          previous = remaining;
        }
      }));
  });
});
