// Assembles the config from the accepted resources: the routes this workload selects, the
// endpoints those routes use, the budgets that cover them, and the secrets they all need.
import type { ModelRoute, PoolEndpoint, ProviderPool } from '../../api/types.js';
import type { AliasEntry, CompiledBudget, CompiledEndpoint, CompiledRoute, SecretRef, SidecarConfig } from '../../config/types.js';
import { CONFIG_SCHEMA_VERSION } from '../../config/types.js';
import { withConfigVersion } from '../../version.js';
import type { CheckContext } from '../context.js';
import { byKey, compareText } from '../order.js';
import { compareRoutePrecedence } from '../precedence.js';
import { resolveRouteTargets } from '../resolve/targets.js';
import { matchesSelector } from '../selector.js';
import type { CompileInput } from '../types.js';
import { emitBrokenBudget, emitBudget } from './budget.js';
import { emitEndpoint } from './endpoint.js';
import { emitRoute } from './route.js';

type Workload = CompileInput['workload'];

function selectedRoutes(ctx: CheckContext, workload: Workload): ModelRoute[] {
  return [...ctx.routes.values()]
    .filter((route) => !ctx.rejected.ModelRoute.has(route.metadata.name))
    .filter((route) => !workload || matchesSelector(route.spec.workloadSelector, workload.labels));
}

function aliasTable(routes: readonly ModelRoute[]): AliasEntry[] {
  const byAlias = new Map<string, ModelRoute[]>();
  for (const route of [...routes].sort(compareRoutePrecedence)) {
    for (const alias of new Set(route.spec.match.models)) byAlias.set(alias, [...(byAlias.get(alias) ?? []), route]);
  }
  return [...byAlias.entries()]
    .map(([alias, claimants]) => ({ alias, routes: claimants.map((route) => route.metadata.name) }))
    .sort(byKey((entry) => entry.alias));
}

function secretRefsOf(endpoints: readonly CompiledEndpoint[], routes: readonly CompiledRoute[]): SecretRef[] {
  const refs = [...endpoints.map((endpoint) => endpoint.credential), ...routes.map((route) => route.logging.hashKey)]
    .filter((ref): ref is SecretRef => ref !== null);
  const unique = new Map(refs.map((ref) => [`${ref.secret}\u0000${ref.key}`, ref]));
  return [...unique.values()].sort((a, b) => compareText(a.secret, b.secret) || compareText(a.key, b.key));
}

/** A BudgetPolicy with a finding: its raw resource (as far as readable) and why it failed. */
export interface BrokenBudget {
  readonly raw: unknown;
  readonly reason: string;
}

function budgetsOf(ctx: CheckContext, routeNames: readonly string[], workload: Workload, broken: ReadonlyMap<string, BrokenBudget>): CompiledBudget[] {
  const accepted = [...ctx.budgets.values()]
    .filter((budget) => !ctx.rejected.BudgetPolicy.has(budget.metadata.name))
    .map((budget) => emitBudget(budget, routeNames, workload));
  const failed = [...broken].map(([name, { raw, reason }]) => emitBrokenBudget(name, raw, reason, routeNames, workload));
  return [...accepted, ...failed]
    .filter((budget): budget is CompiledBudget => budget !== null)
    .sort(byKey((budget) => budget.name));
}

export function emitConfig(ctx: CheckContext, workload: Workload, broken: ReadonlyMap<string, BrokenBudget> = new Map()): SidecarConfig {
  const routes = selectedRoutes(ctx, workload);
  const used = new Map<string, { pool: ProviderPool; endpoint: PoolEndpoint }>();
  const compiledRoutes = routes.map((route) => {
    const backends = resolveRouteTargets(ctx, route);
    for (const backend of [...backends.values()].flat()) {
      used.set(backend.endpointId, { pool: ctx.pools.get(backend.pool)!, endpoint: backend.endpoint });
    }
    return emitRoute(route, backends);
  }).sort(byKey((route) => route.name));
  const endpoints = [...used.values()]
    .map(({ pool, endpoint }) => emitEndpoint(pool, endpoint))
    .sort(byKey((endpoint) => endpoint.id));
  const routeNames = compiledRoutes.map((route) => route.name);
  const budgets = budgetsOf(ctx, routeNames, workload, broken);
  return withConfigVersion({
    schemaVersion: CONFIG_SCHEMA_VERSION,
    scope: { namespace: ctx.namespace, workload: workload?.name ?? null },
    endpoints,
    routes: compiledRoutes,
    aliases: aliasTable(routes),
    budgets,
    secretRefs: secretRefsOf(endpoints, compiledRoutes),
  });
}
