import type { BudgetPolicy } from '../../api/types.js';
import type { CompiledBudget } from '../../config/types.js';
import { compareText } from '../order.js';
import { labelValue } from '../selector.js';
import type { CompileInput } from '../types.js';
import { billingWindow, headerName, microUsd } from './values.js';

type Workload = NonNullable<CompileInput['workload']>;

function podLabelsOf(budget: BudgetPolicy): { name: string; value: string }[] {
  const { scope } = budget.spec;
  const labels: { name: string; value: string }[] = [];
  if (scope.teamLabel !== undefined && scope.team !== undefined) labels.push({ name: scope.teamLabel, value: scope.team });
  if (scope.featureLabel !== undefined && scope.feature !== undefined) labels.push({ name: scope.featureLabel, value: scope.feature });
  return labels.sort((a, b) => compareText(a.name, b.name) || compareText(a.value, b.value));
}

/**
 * The budget as it applies to the routes in this config, or null when it covers none of them
 * or (compiled for a workload) the workload lacks its pod labels.
 */
export function emitBudget(budget: BudgetPolicy, routesInConfig: readonly string[], workload: Workload | undefined): CompiledBudget | null {
  const { spec } = budget;
  const covered = spec.scope.routes ?? routesInConfig;
  const routes = routesInConfig.filter((name) => covered.includes(name));
  const labels = podLabelsOf(budget);
  if (routes.length === 0) return null;
  if (workload && !labels.every(({ name, value }) => labelValue(workload.labels, name) === value)) return null;
  return {
    name: budget.metadata.name,
    scope: {
      routes,
      header: spec.scope.header ? { name: headerName(spec.scope.header.name), value: spec.scope.header.value ?? null } : null,
      podLabels: workload ? [] : labels,
    },
    window: billingWindow(spec.window),
    limitMicroUsd: microUsd(spec.limit),
    maxRequestCostMicroUsd: spec.maxRequestCost === undefined ? null : microUsd(spec.maxRequestCost),
    onExceed: spec.onExceed ?? 'reject',
    thresholds: (spec.thresholds ?? [])
      .map(({ percent, action }) => ({ percent, action }))
      .sort((a, b) => a.percent - b.percent || compareText(a.action, b.action)),
  };
}
