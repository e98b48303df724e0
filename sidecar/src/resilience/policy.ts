// Config → the policies the resilience modules take, with hard limits applied whatever the
// config says: pushed config is bounded client-side (gRPC caps maxAttempts at 5 because service
// config may come from an untrusted source).

import type { FailoverConfig, HealthConfig, RetryConfig } from '@switchyard/contract';
import { DEFAULT_BUDGET_WINDOW_MS, type RetryBudgetPolicy } from './retry-budget.js';
import type { RetryPolicy } from './decide.js';
import type { HealthPolicy } from './health.js';

export const MAX_ATTEMPTS_CAP = 5;
/** "≤ 2 per provider": a second try can ride out a blip; a third rarely helps and delays failover. */
export const ATTEMPTS_PER_ENDPOINT = 2;
/** Quota exhaustion is cooled for at least a minute, however short the ejection settings. */
export const MIN_QUOTA_COOLDOWN_MS = 60_000;
export const PROBE_LEASE_MS = 60_000;

export function retryPolicyOf(retry: RetryConfig, failover: FailoverConfig): RetryPolicy {
  return {
    maxAttempts: clamp(retry.maxAttempts, 1, MAX_ATTEMPTS_CAP),
    maxAttemptsPerEndpoint: ATTEMPTS_PER_ENDPOINT,
    backoff: { baseMs: Math.max(0, retry.baseBackoffMs), capMs: Math.max(0, retry.maxBackoffMs) },
    allowLargerContext: failover.allowLargerContext,
  };
}

export function budgetPolicyOf(retry: RetryConfig): RetryBudgetPolicy {
  return {
    percent: clamp(retry.budgetPercent, 0, 100),
    minRetriesPerSecond: Math.max(0, retry.minRetriesPerSecond),
    windowMs: DEFAULT_BUDGET_WINDOW_MS,
  };
}

export function healthPolicyOf(health: HealthConfig): HealthPolicy {
  return {
    consecutiveFailures: Math.max(1, health.consecutiveFailures),
    baseEjectionMs: Math.max(0, health.baseEjectionMs),
    maxEjectionMs: Math.max(health.baseEjectionMs, health.maxEjectionMs),
    quotaCooldownMs: Math.max(MIN_QUOTA_COOLDOWN_MS, health.maxEjectionMs),
    probeLeaseMs: PROBE_LEASE_MS,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
