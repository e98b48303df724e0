// A route's experiment figures summed over its sidecars. Each sidecar's figures are cumulative,
// so the sum of the latest frame per pod is the route's total; latency histograms add bucket by
// bucket, which is what makes a median across pods possible.

import { emptyVariantFigures, type VariantFigures, type VariantStats } from '@switchyard/contract';

export type VariantTotals = VariantFigures;

export const variantKey = (experiment: string, variant: string): string => `${experiment}/${variant}`;

export const emptyTotals = emptyVariantFigures;

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
