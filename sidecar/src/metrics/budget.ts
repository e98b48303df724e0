// Cost and budget metrics. Labels are config names (route, provider, model, team, feature,
// budget, endpoint), never request content. Money is counted in micro-USD (integers), so sums
// over many sidecars stay exact.
import { Counter, Gauge } from 'prom-client';
import type { UsageRecord } from '@switchyard/contract';

// Tokens and list-price cost per route, provider and model are metrics/tokens.ts's; these are
// the same costs as the usage records and the export count them: by team and feature, in
// integer micro-USD, with estimated ones apart.
const costs = new Counter({
  name: 'switchyard_usage_cost_micro_usd_total',
  help: 'Cost of served requests as the usage records count it, in micro-USD, by route, team, feature and whether the tokens were estimated.',
  labelNames: ['route', 'team', 'feature', 'estimated'] as const,
});

const decisions = new Counter({
  name: 'switchyard_budget_decisions_total',
  help: 'Budget decisions before sending, by budget and decision (ok, downgraded, rejected, dry_run, unavailable).',
  labelNames: ['budget', 'decision'] as const,
});

const allowance = new Gauge({
  name: 'switchyard_budget_allowance_micro_usd',
  help: 'Allowance this sidecar holds for a budget in its current window (granted − settled − reserved), micro-USD.',
  labelNames: ['budget'] as const,
});

const quotaRemaining = new Gauge({
  name: 'switchyard_endpoint_quota_remaining_micro_usd',
  help: 'Reserved or prepaid quota left this cycle on an endpoint, across all sidecars as last reported, micro-USD.',
  labelNames: ['endpoint'] as const,
});

const usageBacklog = new Gauge({
  name: 'switchyard_usage_backlog_records',
  help: 'Usage records not yet acknowledged by the operator.',
});

export function recordUsageMetrics(record: UsageRecord): void {
  costs.inc({ route: record.route, team: record.team, feature: record.feature, estimated: String(record.estimated) }, record.costMicroUsd);
}

export type BudgetDecision = 'ok' | 'downgraded' | 'rejected' | 'dry_run' | 'unavailable';

export function recordBudgetDecision(budget: string, decision: BudgetDecision): void {
  decisions.inc({ budget, decision });
}

export function setAllowance(budget: string, microUsd: number): void {
  allowance.set({ budget }, microUsd);
}

export function setQuotaRemaining(endpoint: string, microUsd: number): void {
  quotaRemaining.set({ endpoint }, microUsd);
}

export function setUsageBacklog(records: number): void {
  usageBacklog.set(records);
}
