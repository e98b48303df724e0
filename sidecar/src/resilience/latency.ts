// Recent time to first byte per endpoint, so a failover can skip a target that could not answer
// within what is left of the deadline. A ring of the last samples, each stamped: samples older
// than maxAgeMs are ignored, so an endpoint that was slow (and got skipped, hence sent no new
// samples) is judged afresh once its bad minute has passed.

import type { Clock } from './clock.js';

export interface LatencyPolicy {
  readonly samples: number;
  readonly maxAgeMs: number;
  /** Fewer fresh samples than this: no judgement (the endpoint is assumed to fit). */
  readonly minSamples: number;
}

export const DEFAULT_LATENCY_POLICY: LatencyPolicy = { samples: 64, maxAgeMs: 60_000, minSamples: 5 };

export class LatencyTracker {
  private readonly values: Float64Array;
  private readonly stamps: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(private readonly policy: LatencyPolicy, private readonly clock: Clock) {
    this.values = new Float64Array(policy.samples);
    this.stamps = new Float64Array(policy.samples);
  }

  /** Time to first byte of a success, or time until a timeout gave up. */
  record(ms: number): void {
    this.values[this.next] = ms;
    this.stamps[this.next] = this.clock.now();
    this.next = (this.next + 1) % this.policy.samples;
    this.filled = Math.min(this.filled + 1, this.policy.samples);
  }

  /** Nearest-rank p95 of the fresh samples; undefined while there are too few. */
  p95(): number | undefined {
    const oldest = this.clock.now() - this.policy.maxAgeMs;
    const fresh: number[] = [];
    for (let index = 0; index < this.filled; index += 1) {
      if (this.stamps[index]! >= oldest) fresh.push(this.values[index]!);
    }
    if (fresh.length < this.policy.minSamples) return undefined;
    fresh.sort((a, b) => a - b);
    return fresh[Math.ceil(fresh.length * 0.95) - 1];
  }
}
