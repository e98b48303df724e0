import type { BudgetPolicy } from '../../api/types.js';
import type { BudgetAttributionConfig, CompiledBudget } from '../../config/types.js';
import { compareText } from '../order.js';
import { labelValue } from '../selector.js';
import type { CompileInput } from '../types.js';
import { billingWindow, headerName, microUsd } from './values.js';

type Workload = NonNullable<CompileInput['workload']>;

function podLabelsOf(scope: Partial<BudgetPolicy['spec']['scope']>): { name: string; value: string }[] {
  const labels: { name: string; value: string }[] = [];
  if (typeof scope.teamLabel === 'string' && typeof scope.team === 'string') labels.push({ name: scope.teamLabel, value: scope.team });
  if (typeof scope.featureLabel === 'string' && typeof scope.feature === 'string') labels.push({ name: scope.featureLabel, value: scope.feature });
  return labels.sort((a, b) => compareText(a.name, b.name) || compareText(a.value, b.value));
}

function attributionOf(scope: BudgetPolicy['spec']['scope'], workload: Workload | undefined): BudgetAttributionConfig {
  const fromPod = (label: string | undefined): string | null => (workload && label !== undefined ? labelValue(workload.labels, label) ?? null : null);
  return { team: fromPod(scope.teamLabel) ?? scope.team ?? null, feature: fromPod(scope.featureLabel) ?? scope.feature ?? null };
}

/**
 * The budget as it applies to the routes in this config, or null when it covers none of them
 * or (compiled for a workload) the workload lacks its pod labels.
 */
export function emitBudget(budget: BudgetPolicy, routesInConfig: readonly string[], workload: Workload | undefined): CompiledBudget | null {
  const { spec } = budget;
  const covered = spec.scope.routes ?? routesInConfig;
  const routes = routesInConfig.filter((name) => covered.includes(name));
  const labels = podLabelsOf(spec.scope);
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
    attribution: attributionOf(spec.scope, workload),
    broken: null,
  };
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The routes a budget that failed its checks would cover, read as far as its spec is readable. */
function brokenRoutes(scope: Record<string, unknown>, routesInConfig: readonly string[]): string[] {
  const named = scope['routes'];
  if (!Array.isArray(named)) return [...routesInConfig];
  return routesInConfig.filter((route) => named.includes(route));
}

/** The scope header when readable; none (so every request of the routes) when it is not. */
function brokenHeader(value: unknown): CompiledBudget['scope']['header'] {
  const header = recordOf(value);
  const name = header['name'];
  const expected = header['value'];
  if (typeof name !== 'string' || !/^[!#$%&'*+.^_`|~0-9a-zA-Z-]{1,256}$/.test(name)) return null;
  return { name: headerName(name), value: typeof expected === 'string' && expected.length <= 1024 ? expected : null };
}

/**
 * A budget with a finding, kept in the config so it fails closed: it covers what its spec says
 * as far as that is readable (every route when it is not), has no allowance, and refuses every
 * request it covers with the reason.
 */
export function emitBrokenBudget(name: string, raw: unknown, reason: string, routesInConfig: readonly string[], workload: Workload | undefined): CompiledBudget | null {
  const scope = recordOf(recordOf(recordOf(raw)['spec'])['scope']);
  const routes = brokenRoutes(scope, routesInConfig);
  const labels = podLabelsOf(scope);
  if (routes.length === 0) return null;
  if (workload && !labels.every(({ name: label, value }) => labelValue(workload.labels, label) === value)) return null;
  return {
    name,
    scope: { routes, header: brokenHeader(scope['header']), podLabels: workload ? [] : labels },
    window: { period: 'monthly', anchorDay: 1 },
    limitMicroUsd: 0,
    maxRequestCostMicroUsd: null,
    onExceed: 'reject',
    thresholds: [],
    attribution: { team: null, feature: null },
    broken: reason.slice(0, 4096),
  };
}
