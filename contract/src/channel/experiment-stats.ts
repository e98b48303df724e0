// What a sidecar reports about its experiments (docs/adr/0010-experiments.md): per route,
// experiment and variant, counters since the sidecar process started. Cumulative, so a frame
// replayed or resent after a reconnect changes nothing; the operator keeps the latest per pod
// and sums pods. Latency is a histogram on fixed bounds, so medians across pods come from
// merged buckets rather than from averaging each pod's median.

/** Upper bounds (milliseconds, inclusive) of the latency buckets; one more bucket counts the rest. */
export const EXPERIMENT_LATENCY_BOUNDS_MS: readonly number[] = [
  10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000,
];

/** Quality scores travel as integer millionths, so sums stay exact however often they are added. */
export const QUALITY_SCALE = 1_000_000;

/** Entries one frame may carry: routes × experiments × variants of one sidecar config, with room. */
export const MAX_VARIANT_STATS = 2048;

export interface VariantStats {
  readonly route: string;
  readonly experiment: string;
  readonly variant: string;
  /** Requests assigned to the variant. */
  readonly requests: number;
  /** Of those, the ones the variant's target did not answer (errors, or served by failover). */
  readonly errors: number;
  /** Latency to the last byte of the answered ones; EXPERIMENT_LATENCY_BOUNDS_MS.length + 1 counts. */
  readonly latencyBuckets: readonly number[];
  /** Cost of the answered requests whose provider reported usage, integer micro-USD. */
  readonly costMicroUsd: number;
  /** How many requests `costMicroUsd` covers. */
  readonly costed: number;
  /** Sum of evaluator scores, in millionths (QUALITY_SCALE). */
  readonly qualityMicros: number;
  /** How many requests the evaluator scored. */
  readonly scored: number;
}

/** The counting part of VariantStats, mutable: what a sidecar accumulates and the operator sums. */
export interface VariantFigures {
  requests: number;
  errors: number;
  readonly latencyBuckets: number[];
  costMicroUsd: number;
  costed: number;
  qualityMicros: number;
  scored: number;
}

export function emptyVariantFigures(): VariantFigures {
  return {
    requests: 0, errors: 0, latencyBuckets: new Array<number>(EXPERIMENT_LATENCY_BOUNDS_MS.length + 1).fill(0),
    costMicroUsd: 0, costed: 0, qualityMicros: 0, scored: 0,
  };
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isName = (value: unknown): value is string => typeof value === 'string' && value.length <= 253 && NAME.test(value);

function bucketsOf(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length !== EXPERIMENT_LATENCY_BOUNDS_MS.length + 1) return undefined;
  return value.every(isCount) ? (value as number[]) : undefined;
}

function variantStatsOf(value: unknown): VariantStats | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entry = value as Record<string, unknown>;
  const { route, experiment, variant, requests, errors, costMicroUsd, costed, qualityMicros, scored } = entry;
  const latencyBuckets = bucketsOf(entry['latencyBuckets']);
  if (!isName(route) || !isName(experiment) || !isName(variant) || latencyBuckets === undefined) return undefined;
  if (!isCount(requests) || !isCount(errors) || !isCount(costMicroUsd) || !isCount(costed) || !isCount(qualityMicros) || !isCount(scored)) return undefined;
  return { route, experiment, variant, requests, errors, latencyBuckets, costMicroUsd, costed, qualityMicros, scored };
}

/** Undefined unless every entry is well formed (names as the CRDs allow, counts as safe integers). */
export function parseVariantStats(value: unknown): VariantStats[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_VARIANT_STATS) return undefined;
  const parsed: VariantStats[] = [];
  for (const item of value) {
    const stats = variantStatsOf(item);
    if (stats === undefined) return undefined;
    parsed.push(stats);
  }
  return parsed;
}
