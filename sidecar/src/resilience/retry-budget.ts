// A retry budget: extra attempts (retries and failovers) may add at most `percent` of the
// requests seen in a sliding window, plus a small floor so a quiet sidecar can still retry.
// Linkerd's defaults are 20 % + 10/s over 10 s; Envoy's are 20 % of active requests, at least 3.
// During an outage this caps upstream attempts per client request at about 1 + percent/100,
// so failures never multiply into a retry storm.

import type { Clock } from './clock.js';

export interface RetryBudgetPolicy {
  readonly percent: number;
  readonly minRetriesPerSecond: number;
  readonly windowMs: number;
}

export const DEFAULT_BUDGET_WINDOW_MS = 10_000;

/** A fixed ring of buckets: memory stays constant however many requests go through. */
const BUCKETS = 10;

interface Bucket {
  epoch: number;
  requests: number;
  retries: number;
}

export interface BudgetSnapshot {
  readonly requests: number;
  readonly retries: number;
  readonly allowance: number;
}

export class RetryBudget {
  private readonly buckets: Bucket[] = Array.from({ length: BUCKETS }, () => ({ epoch: -1, requests: 0, retries: 0 }));

  constructor(private policy: RetryBudgetPolicy, private readonly clock: Clock) {}

  /** A new config may change the numbers; the counts seen so far stay. */
  setPolicy(policy: RetryBudgetPolicy): void {
    this.policy = policy;
  }

  recordRequest(): void {
    this.current().requests += 1;
  }

  canRetry(): boolean {
    const { retries, allowance } = this.snapshot();
    return retries < allowance;
  }

  /** Spends one retry when the budget allows it. */
  tryRetry(): boolean {
    if (!this.canRetry()) return false;
    this.current().retries += 1;
    return true;
  }

  /** Counts an extra attempt that was allowed without the budget (a failover to a healthy endpoint). */
  recordFreeRetry(): void {
    this.current().retries += 1;
  }

  snapshot(): BudgetSnapshot {
    const epoch = this.epochNow();
    let requests = 0;
    let retries = 0;
    for (const bucket of this.buckets) {
      if (bucket.epoch > epoch - BUCKETS && bucket.epoch <= epoch) {
        requests += bucket.requests;
        retries += bucket.retries;
      }
    }
    const floor = this.policy.minRetriesPerSecond * (this.policy.windowMs / 1000);
    return { requests, retries, allowance: (requests * this.policy.percent) / 100 + floor };
  }

  private epochNow(): number {
    return Math.floor(this.clock.now() / (this.policy.windowMs / BUCKETS));
  }

  private current(): Bucket {
    const epoch = this.epochNow();
    const bucket = this.buckets[((epoch % BUCKETS) + BUCKETS) % BUCKETS]!;
    if (bucket.epoch !== epoch) {
      bucket.epoch = epoch;
      bucket.requests = 0;
      bucket.retries = 0;
    }
    return bucket;
  }
}
