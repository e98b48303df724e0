// Budget figures on the operator's /metrics, from the ledger as the leader last read it.
import { Gauge, type Registry } from 'prom-client';

export interface BudgetMetrics {
  readonly spent: Gauge<'namespace' | 'budget'>;
  readonly limit: Gauge<'namespace' | 'budget'>;
  readonly quotaRemaining: Gauge<'namespace' | 'endpoint'>;
}

export function budgetMetrics(registry: Registry): BudgetMetrics {
  return {
    spent: new Gauge({
      name: 'switchyard_operator_budget_spent_micro_usd', help: 'Spend applied to a BudgetPolicy in its current window, micro-USD.',
      labelNames: ['namespace', 'budget'] as const, registers: [registry],
    }),
    limit: new Gauge({
      name: 'switchyard_operator_budget_limit_micro_usd', help: 'A BudgetPolicy\u2019s limit per window, micro-USD.',
      labelNames: ['namespace', 'budget'] as const, registers: [registry],
    }),
    quotaRemaining: new Gauge({
      name: 'switchyard_operator_endpoint_quota_remaining_micro_usd', help: 'Reserved or prepaid quota left this cycle on an endpoint, across all sidecars, micro-USD.',
      labelNames: ['namespace', 'endpoint'] as const, registers: [registry],
    }),
  };
}
