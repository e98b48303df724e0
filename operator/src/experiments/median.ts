// The median of a bucketed latency histogram, interpolated linearly inside the bucket that holds
// it (as Prometheus's histogram_quantile does). Exact to within one bucket's width.

import { EXPERIMENT_LATENCY_BOUNDS_MS } from '@switchyard/contract';

/** The CRD's ceiling for p50LatencyMilliseconds. */
const MAX_REPORTED_MS = 3_600_000;

/**
 * Undefined for an empty histogram. A median in the open-ended last bucket is reported as that
 * bucket's lower bound: all that is known is that it is at least that.
 *
 * @example medianMs([0, 0, 2, 2, 0, …]) // 50 (half the answers took at most 50 ms)
 */
export function medianMs(buckets: readonly number[]): number | undefined {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const rank = total / 2;
  let below = 0;
  for (let index = 0; index < buckets.length; index++) {
    const count = buckets[index] ?? 0;
    if (count > 0 && below + count >= rank) {
      const lower = index === 0 ? 0 : EXPERIMENT_LATENCY_BOUNDS_MS[index - 1]!;
      const upper = EXPERIMENT_LATENCY_BOUNDS_MS[index];
      const value = upper === undefined ? lower : lower + ((rank - below) / count) * (upper - lower);
      return Math.min(MAX_REPORTED_MS, Math.round(value));
    }
    below += count;
  }
  return undefined;
}
