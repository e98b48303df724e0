// ModelRoute status.experiments: for each experiment and variant the route declares, requests,
// errors, median latency, mean cost and mean quality over every sidecar serving the route.
// Figures of experiments or variants the spec no longer has are left out.

import { formatMicroUsd, QUALITY_SCALE, type ModelRoute, type ModelRouteStatus, type VariantStats } from '@switchyard/contract';
import { emptyTotals, sumRouteStats, variantKey, type VariantTotals } from './merge.js';
import { medianMs } from './median.js';

export type ExperimentResults = NonNullable<ModelRouteStatus['experiments']>;
type VariantResult = ExperimentResults[number]['variants'][number];

/**
 * Null when the route declares no experiments: status then drops the field (the writer turns
 * null into a removal).
 */
export function experimentResultsOf(route: ModelRoute, perSidecar: Iterable<readonly VariantStats[]>): ExperimentResults | null {
  const experiments = route.spec.experiments ?? [];
  if (experiments.length === 0) return null;
  const totals = sumRouteStats(route.metadata.name, perSidecar);
  return experiments.map((experiment) => ({
    name: experiment.name,
    variants: experiment.variants.map((variant) => variantResult(variant.name, totals.get(variantKey(experiment.name, variant.name)) ?? emptyTotals())),
  }));
}

function variantResult(name: string, totals: VariantTotals): VariantResult {
  const p50 = medianMs(totals.latencyBuckets);
  return {
    name,
    requests: totals.requests,
    errors: totals.errors,
    ...(p50 === undefined ? {} : { p50LatencyMilliseconds: p50 }),
    ...(totals.costed === 0 ? {} : { costPerRequest: formatMicroUsd(Math.round(totals.costMicroUsd / totals.costed)) }),
    ...(totals.scored === 0 ? {} : { qualityScore: formatScore(Math.round(totals.qualityMicros / totals.scored)) }),
  };
}

/** Millionths → "0", "0.75", "1" (the CRD's pattern: at most 6 decimals, never above 1). */
export function formatScore(micros: number): string {
  const clamped = Math.min(QUALITY_SCALE, Math.max(0, micros));
  if (clamped === QUALITY_SCALE) return '1';
  const fraction = String(clamped).padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? '0' : `0.${fraction}`;
}
