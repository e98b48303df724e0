// A route's experiment figures summed over its sidecars. Each sidecar's figures are cumulative,
// so the sum of the latest frame per pod is the route's total; latency histograms add bucket by
// bucket, which is what makes a median across pods possible.

import { EXPERIMENT_LATENCY_BOUNDS_MS, type VariantStats } from '@switchyard/contract';

export interface VariantTotals {
  requests: number;
  errors: number;
  readonly latencyBuckets: number[];
  costMicroUsd: number;
  costed: number;
  qualityMicros: number;
  scored: number;
}

export const variantKey = (experiment: string, variant: string): string => `${experiment}/${variant}`;

export function emptyTotals(): VariantTotals {
  return {
    requests: 0, errors: 0, latencyBuckets: new Array<number>(EXPERIMENT_LATENCY_BOUNDS_MS.length + 1).fill(0),
    costMicroUsd: 0, costed: 0, qualityMicros: 0, scored: 0,
  };
}

/** `experiment/variant` → totals over every sidecar's figures for `route`. */
export function sumRouteStats(route: string, perSidecar: Iterable<readonly VariantStats[]>): Map<string, VariantTotals> {
  const totals = new Map<string, VariantTotals>();
  for (const stats of perSidecar) {
    for (const entry of stats) {
      if (entry.route !== route) continue;
      const key = variantKey(entry.experiment, entry.variant);
      const sum = totals.get(key) ?? emptyTotals();
      add(sum, entry);
      totals.set(key, sum);
    }
  }
  return totals;
}

function add(sum: VariantTotals, entry: VariantStats): void {
  sum.requests += entry.requests;
  sum.errors += entry.errors;
  entry.latencyBuckets.forEach((count, index) => {
    sum.latencyBuckets[index] = (sum.latencyBuckets[index] ?? 0) + count;
  });
  sum.costMicroUsd += entry.costMicroUsd;
  sum.costed += entry.costed;
  sum.qualityMicros += entry.qualityMicros;
  sum.scored += entry.scored;
}
