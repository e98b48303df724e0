import { describe, expect, it } from '@jest/globals';
import { EXPERIMENT_LATENCY_BOUNDS_MS, type ModelRoute, type VariantStats } from '@switchyard/contract';
import { experimentResultsOf, formatScore } from './results.js';
import { medianMs } from './median.js';

/** A histogram with `count` answers in the bucket whose upper bound is `boundMs`. */
function latency(...entries: [boundMs: number, count: number][]): number[] {
  const buckets = new Array<number>(EXPERIMENT_LATENCY_BOUNDS_MS.length + 1).fill(0);
  for (const [boundMs, count] of entries) buckets[EXPERIMENT_LATENCY_BOUNDS_MS.indexOf(boundMs)] = count;
  return buckets;
}

function stats(variant: string, over: Partial<VariantStats>): VariantStats {
  return {
    route: 'chat', experiment: 'ab', variant, requests: 0, errors: 0, latencyBuckets: latency(),
    costMicroUsd: 0, costed: 0, qualityMicros: 0, scored: 0, ...over,
  };
}

const route = {
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'chat' },
  spec: {
    match: { models: ['chat'] }, targets: [],
    experiments: [{ name: 'ab', variants: [{ name: 'control', target: 'mini', weight: 90 }, { name: 'candidate', target: 'haiku', weight: 10 }] }],
  },
} as unknown as ModelRoute;

describe('experimentResultsOf', () => {
  it('sums the route\'s figures over sidecars, per variant in the order the spec declares', () => {
    const podA = [stats('control', { requests: 6, errors: 1, latencyBuckets: latency([100, 5]), costMicroUsd: 500, costed: 5, qualityMicros: 4_000_000, scored: 5 })];
    const podB = [
      stats('control', { requests: 4, latencyBuckets: latency([100, 4]), costMicroUsd: 401, costed: 4, qualityMicros: 3_500_000, scored: 4 }),
      { ...stats('control', { requests: 99 }), route: 'other' },
    ];
    expect(experimentResultsOf(route, [podA, podB])).toEqual([{
      name: 'ab',
      variants: [
        { name: 'control', requests: 10, errors: 1, p50LatencyMilliseconds: 75, costPerRequest: '0.0001', qualityScore: '0.833333' },
        { name: 'candidate', requests: 0, errors: 0 },
      ],
    }]);
  });

  it('takes the median of the merged histograms, not the mean of each pod\'s median', () => {
    // One busy fast pod (p50 ≈ 37 ms) and one quiet slow pod (p50 ≈ 3.75 s): the route's median is fast.
    const fast = [stats('control', { requests: 90, latencyBuckets: latency([50, 90]) })];
    const slow = [stats('control', { requests: 10, latencyBuckets: latency([5_000, 10]) })];
    const p50 = experimentResultsOf(route, [fast, slow])?.[0]?.variants[0]?.p50LatencyMilliseconds;
    expect(p50).toBeGreaterThan(25);
    expect(p50).toBeLessThanOrEqual(50);
  });

  it('leaves out figures of experiments the spec no longer has, and says null when it has none', () => {
    expect(experimentResultsOf(route, [[{ ...stats('x', { requests: 3 }), experiment: 'gone' }]])?.map((e) => e.name)).toEqual(['ab']);
    expect(experimentResultsOf({ ...route, spec: { ...route.spec, experiments: [] } }, [])).toBeNull();
  });
});

describe('medianMs', () => {
  it.each([
    ['nothing for an empty histogram', latency(), undefined],
    ['interpolates inside the bucket holding the middle answer', latency([100, 2], [250, 2]), 100],
    ['reports the open-ended last bucket by its lower bound', [...latency().slice(0, -1), 3], 300_000],
  ])('gives %s', (_name, buckets, expected) => {
    expect(medianMs(buckets)).toBe(expected);
  });
});

describe('formatScore', () => {
  it.each([[0, '0'], [1_000_000, '1'], [750_000, '0.75'], [333_333, '0.333333'], [5, '0.000005']])('writes %d millionths as "%s"', (micros, text) => {
    expect(formatScore(micros)).toBe(text);
    expect(text).toMatch(/^(0(\.[0-9]{1,6})?|1(\.0{1,6})?)$/);
  });
});
