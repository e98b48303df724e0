// Resilience state of one sidecar process: health and latency per endpoint, a retry budget per
// route. It outlives config swaps: a new config updates the policies, keeps what was learnt about
// endpoints and routes that still exist, and forgets the rest. Requests read it through the
// runtime; nothing here is per request.

import type { SidecarConfig } from '@switchyard/contract';
import type { Clock } from './clock.js';
import { NO_EVENTS, type ResilienceEvents } from './events.js';
import { EndpointHealth, type HealthPolicy } from './health.js';
import { DEFAULT_LATENCY_POLICY, LatencyTracker, type LatencyPolicy } from './latency.js';
import { budgetPolicyOf, healthPolicyOf } from './policy.js';
import { RetryBudget, type RetryBudgetPolicy } from './retry-budget.js';

const FALLBACK_HEALTH: HealthPolicy = healthPolicyOf({ consecutiveFailures: 5, baseEjectionMs: 30_000, maxEjectionMs: 300_000 });
const FALLBACK_BUDGET: RetryBudgetPolicy = budgetPolicyOf({
  maxAttempts: 3, baseBackoffMs: 250, maxBackoffMs: 8_000, deadlineMs: 30_000, budgetPercent: 20, minRetriesPerSecond: 1,
});

export interface ResilienceStateOptions {
  readonly clock: Clock;
  readonly events?: ResilienceEvents;
  readonly latency?: LatencyPolicy;
}

export class ResilienceState {
  readonly clock: Clock;
  readonly events: ResilienceEvents;
  private readonly healthById = new Map<string, EndpointHealth>();
  private readonly latencyById = new Map<string, LatencyTracker>();
  private readonly budgetByRoute = new Map<string, RetryBudget>();
  private healthPolicies = new Map<string, HealthPolicy>();
  private budgetPolicies = new Map<string, RetryBudgetPolicy>();
  private readonly latencyPolicy: LatencyPolicy;

  constructor(options: ResilienceStateOptions) {
    this.clock = options.clock;
    this.events = options.events ?? NO_EVENTS;
    this.latencyPolicy = options.latency ?? DEFAULT_LATENCY_POLICY;
  }

  /** Takes a new config: updates policies, keeps state of what remains, drops the rest. */
  apply(config: SidecarConfig): void {
    this.healthPolicies = new Map(config.endpoints.map((endpoint) => [endpoint.id, healthPolicyOf(endpoint.health)]));
    this.budgetPolicies = new Map(config.routes.map((route) => [route.name, budgetPolicyOf(route.retry)]));
    retain(this.healthById, this.healthPolicies, (health, policy) => health.setPolicy(policy));
    retain(this.latencyById, this.healthPolicies, () => undefined);
    retain(this.budgetByRoute, this.budgetPolicies, (budget, policy) => budget.setPolicy(policy));
  }

  health(endpointId: string): EndpointHealth {
    return getOrAdd(this.healthById, endpointId, () => new EndpointHealth(this.healthPolicies.get(endpointId) ?? FALLBACK_HEALTH, this.clock));
  }

  latency(endpointId: string): LatencyTracker {
    return getOrAdd(this.latencyById, endpointId, () => new LatencyTracker(this.latencyPolicy, this.clock));
  }

  budget(route: string): RetryBudget {
    return getOrAdd(this.budgetByRoute, route, () => new RetryBudget(this.budgetPolicies.get(route) ?? FALLBACK_BUDGET, this.clock));
  }

  /** Forgets everything learnt (an operator's "start afresh"; tests between cases). */
  reset(): void {
    this.healthById.clear();
    this.latencyById.clear();
    this.budgetByRoute.clear();
  }

  /** Endpoint ids with state, for metrics and tests. */
  endpoints(): string[] {
    return [...this.healthById.keys()];
  }
}

function getOrAdd<V>(map: Map<string, V>, key: string, create: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = create();
  map.set(key, created);
  return created;
}

function retain<V, P>(map: Map<string, V>, policies: ReadonlyMap<string, P>, update: (value: V, policy: P) => void): void {
  for (const [key, value] of map) {
    const policy = policies.get(key);
    if (policy === undefined) map.delete(key);
    else update(value, policy);
  }
}
