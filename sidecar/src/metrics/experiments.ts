// Experiment metrics: one series per route, experiment and variant, all three names taken from
// the config (bounded by it), never from the request. Latency buckets are the bounds the status
// report uses (contract EXPERIMENT_LATENCY_BOUNDS_MS), so both answer the same median.

import { Counter, Histogram } from 'prom-client';
import { EXPERIMENT_LATENCY_BOUNDS_MS } from '@switchyard/contract';

const LABELS = ['route', 'experiment', 'variant'] as const;

const requests = new Counter({
  name: 'switchyard_experiment_requests_total',
  help: 'Requests assigned to an experiment variant, by route, experiment and variant.',
  labelNames: LABELS,
});

const errors = new Counter({
  name: 'switchyard_experiment_errors_total',
  help: "Requests of a variant its target did not answer (an error, or failover to another target).",
  labelNames: LABELS,
});

const duration = new Histogram({
  name: 'switchyard_experiment_request_duration_seconds',
  help: "Arrival to last byte of the requests a variant's target answered.",
  labelNames: LABELS,
  buckets: EXPERIMENT_LATENCY_BOUNDS_MS.map((ms) => ms / 1000),
});

const cost = new Counter({
  name: 'switchyard_experiment_cost_usd_total',
  help: "Cost of the answered requests of a variant, from the provider's usage and the pool's prices.",
  labelNames: LABELS,
});

const quality = new Histogram({
  name: 'switchyard_experiment_quality_score',
  help: "Evaluator scores (0 to 1) of a variant's answers; _sum / _count is the mean.",
  labelNames: LABELS,
  buckets: [0, 0.25, 0.5, 0.75, 0.9, 1],
});

const excluded = new Counter({
  name: 'switchyard_experiment_excluded_total',
  help: "Requests an experiment would have taken whose variant could not serve them (capabilities, data policy); served as decided.",
  labelNames: ['route', 'experiment'] as const,
});

const judgeCalls = new Counter({
  name: 'switchyard_experiment_judge_calls_total',
  help: 'Judge evaluations by route, experiment and result (scored, failed, dropped when the judge queue was full).',
  labelNames: ['route', 'experiment', 'result'] as const,
});

export interface VariantLabels {
  readonly route: string;
  readonly experiment: string;
  readonly variant: string;
}

export interface VariantOutcome {
  readonly answered: boolean;
  readonly seconds: number;
  /** Null when the provider reported no usage. */
  readonly costMicroUsd: number | null;
}

export function recordVariantRequest(labels: VariantLabels, outcome: VariantOutcome): void {
  const series = [labels.route, labels.experiment, labels.variant] as const;
  requests.labels(...series).inc();
  if (!outcome.answered) {
    errors.labels(...series).inc();
    return;
  }
  duration.labels(...series).observe(outcome.seconds);
  if (outcome.costMicroUsd !== null) cost.labels(...series).inc(outcome.costMicroUsd / 1_000_000);
}

export function recordVariantScore(labels: VariantLabels, score: number): void {
  quality.labels(labels.route, labels.experiment, labels.variant).observe(score);
}

export function recordExperimentExcluded(route: string, experiment: string): void {
  excluded.labels(route, experiment).inc();
}

export function recordJudgeCall(route: string, experiment: string, result: 'scored' | 'failed' | 'dropped'): void {
  judgeCalls.labels(route, experiment, result).inc();
}
