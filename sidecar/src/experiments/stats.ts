// Cumulative per-variant figures of this sidecar process, for the operator (the `experiments`
// channel frame) and tests. Counters only grow; a frame is the whole table, so resending one is
// harmless. Keys come from the config, so the table is bounded by it (and by MAX_VARIANT_STATS
// across config changes).

import { emptyVariantFigures, EXPERIMENT_LATENCY_BOUNDS_MS, MAX_VARIANT_STATS, QUALITY_SCALE, type VariantFigures, type VariantStats } from '@switchyard/contract';
import type { VariantLabels, VariantOutcome } from '../metrics/experiments.js';

interface Entry extends VariantFigures {
  readonly route: string;
  readonly experiment: string;
  readonly variant: string;
}

/** Index of the first bucket whose bound holds `ms`; the last bucket takes the rest. */
export function latencyBucketOf(ms: number): number {
  const index = EXPERIMENT_LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return index === -1 ? EXPERIMENT_LATENCY_BOUNDS_MS.length : index;
}

export class ExperimentStats {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  /** Grows with every change; a publisher compares it to what it last sent. */
  version = 0;

  record(labels: VariantLabels, outcome: VariantOutcome): void {
    const entry = this.entryOf(labels);
    if (entry === undefined) return;
    entry.requests += 1;
    if (!outcome.answered) entry.errors += 1;
    else {
      const bucket = latencyBucketOf(outcome.seconds * 1000);
      entry.latencyBuckets[bucket] = (entry.latencyBuckets[bucket] ?? 0) + 1;
      if (outcome.costMicroUsd !== null) {
        entry.costMicroUsd += outcome.costMicroUsd;
        entry.costed += 1;
      }
    }
    this.changed();
  }

  score(labels: VariantLabels, score: number): void {
    const entry = this.entryOf(labels);
    if (entry === undefined) return;
    entry.qualityMicros += Math.round(Math.min(1, Math.max(0, score)) * QUALITY_SCALE);
    entry.scored += 1;
    this.changed();
  }

  /** The whole table, sorted by route, experiment and variant. */
  snapshot(): VariantStats[] {
    return [...this.entries.values()]
      .map((entry) => ({ ...entry, latencyBuckets: [...entry.latencyBuckets] }))
      .sort((a, b) => compare(a.route, b.route) || compare(a.experiment, b.experiment) || compare(a.variant, b.variant));
  }

  /** Called after every change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private entryOf(labels: VariantLabels): Entry | undefined {
    const key = `${labels.route}\u0000${labels.experiment}\u0000${labels.variant}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      if (this.entries.size >= MAX_VARIANT_STATS) return undefined;
      entry = { ...labels, ...emptyVariantFigures() };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
