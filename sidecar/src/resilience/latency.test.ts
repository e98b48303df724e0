import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ManualClock } from '../../../test/sidecar/resilience/manual-clock.js';
import { LatencyTracker } from './latency.js';

const policy = { samples: 64, maxAgeMs: 60_000, minSamples: 5 };

describe('recent p95 latency', () => {
  it('makes no judgement from too few samples', () => {
    const tracker = new LatencyTracker(policy, new ManualClock());
    for (const ms of [100, 200, 300, 400]) tracker.record(ms);
    expect(tracker.p95()).toBeUndefined();
  });

  it('reports the nearest-rank 95th percentile', () => {
    const tracker = new LatencyTracker(policy, new ManualClock());
    for (let ms = 1; ms <= 20; ms += 1) tracker.record(ms * 100);
    expect(tracker.p95()).toBe(1900);
  });

  it('keeps only the newest samples', () => {
    const tracker = new LatencyTracker(policy, new ManualClock());
    for (let index = 0; index < 64; index += 1) tracker.record(10_000);
    for (let index = 0; index < 64; index += 1) tracker.record(50);
    expect(tracker.p95()).toBe(50);
  });

  it('forgets samples older than the max age, so a slow spell is judged afresh', () => {
    const clock = new ManualClock();
    const tracker = new LatencyTracker(policy, clock);
    for (let index = 0; index < 10; index += 1) tracker.record(25_000);
    expect(tracker.p95()).toBe(25_000);
    clock.advance(60_001);
    expect(tracker.p95()).toBeUndefined();
  });

  it('p95 lies between the smallest and largest fresh sample', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 5, maxLength: 200 }), (samples) => {
      const tracker = new LatencyTracker(policy, new ManualClock());
      for (const sample of samples) tracker.record(sample);
      const kept = samples.slice(-64);
      const p95 = tracker.p95() ?? Number.NaN;
      expect(p95).toBeGreaterThanOrEqual(Math.min(...kept));
      expect(p95).toBeLessThanOrEqual(Math.max(...kept));
      expect(kept.filter((sample) => sample <= p95).length / kept.length).toBeGreaterThanOrEqual(0.95);
    }));
  });
});
