import { describe, expect, it } from '@jest/globals';
import { EXPERIMENT_LATENCY_BOUNDS_MS } from './experiment-stats.js';
import { parseSidecarFrame } from './frames.js';

const buckets = new Array<number>(EXPERIMENT_LATENCY_BOUNDS_MS.length + 1).fill(0);
const entry = {
  route: 'chat', experiment: 'triage-haiku', variant: 'control', requests: 10, errors: 1, latencyBuckets: buckets,
  costMicroUsd: 450, costed: 9, qualityMicros: 7_500_000, scored: 9,
};
const frame = (stats: unknown): string => JSON.stringify({ type: 'experiments', stats });

describe('the experiments frame', () => {
  it('carries per-variant figures', () => {
    expect(parseSidecarFrame(frame([entry]))).toEqual({ type: 'experiments', stats: [entry] });
  });

  it.each([
    ['a negative count', [{ ...entry, errors: -1 }]],
    ['a fractional cost', [{ ...entry, costMicroUsd: 1.5 }]],
    ['a latency histogram of another shape', [{ ...entry, latencyBuckets: [1, 2] }]],
    ['a name no CRD allows', [{ ...entry, variant: 'Control!' }]],
    ['stats that are not a list', { chat: entry }],
  ])('is refused with %s', (_name, stats) => {
    expect(parseSidecarFrame(frame(stats))).toBeUndefined();
  });
});
