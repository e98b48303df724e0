// Carrying a route's last valid form into a fresh workload config when the route itself was
// left out (invalid, or a pool it uses was). The merged config is what compile would have
// produced with the old route: its endpoints, its aliases (after the fresh claimants) and its
// secret references are added, and the version is recomputed from the content.
import {
  withConfigVersion, type AliasEntry, type CompiledEndpoint, type CompiledRoute, type SecretRef, type SidecarConfig,
} from '@switchyard/contract';
import type { RememberedRoute } from './route-memory.js';
import { selects } from './selector.js';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function mergeAliases(aliases: readonly AliasEntry[], carried: readonly CompiledRoute[]): AliasEntry[] {
  const table = new Map(aliases.map((entry) => [entry.alias, [...entry.routes]]));
  for (const route of carried) {
    for (const alias of new Set(route.aliases)) {
      const routes = table.get(alias) ?? [];
      if (!routes.includes(route.name)) routes.push(route.name);
      table.set(alias, routes);
    }
  }
  return [...table.entries()].map(([alias, routes]) => ({ alias, routes })).sort((a, b) => byText(a.alias, b.alias));
}

function secretRefsOf(endpoints: readonly CompiledEndpoint[], routes: readonly CompiledRoute[]): SecretRef[] {
  const refs = [...endpoints.map((endpoint) => endpoint.credential), ...routes.map((route) => route.logging.hashKey)]
    .filter((ref): ref is SecretRef => ref !== null);
  const unique = new Map(refs.map((ref) => [`${ref.secret}\u0000${ref.key}`, ref]));
  return [...unique.values()].sort((a, b) => byText(a.secret, b.secret) || byText(a.key, b.key));
}

/**
 * @param leftOut routes whose objects exist but that the fresh compile left out
 * @example carryForward(config, memory, new Set(['chat']), { app: 'web' })
 */
export function carryForward(
  fresh: SidecarConfig,
  memory: ReadonlyMap<string, RememberedRoute>,
  leftOut: ReadonlySet<string>,
  workloadLabels: Readonly<Record<string, string>>,
): SidecarConfig {
  const have = new Set(fresh.routes.map((route) => route.name));
  const carried = [...memory.entries()]
    .filter(([name, remembered]) => leftOut.has(name) && !have.has(name) && selects(remembered.selector, workloadLabels))
    .map(([, remembered]) => remembered);
  if (carried.length === 0) return fresh;
  const endpoints = new Map(fresh.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  for (const endpoint of carried.flatMap((remembered) => remembered.endpoints)) {
    if (!endpoints.has(endpoint.id)) endpoints.set(endpoint.id, endpoint);
  }
  const routes = [...fresh.routes, ...carried.map((remembered) => remembered.route)].sort((a, b) => byText(a.name, b.name));
  const endpointList = [...endpoints.values()].sort((a, b) => byText(a.id, b.id));
  const { version: _stale, ...content } = fresh;
  return withConfigVersion({
    ...content,
    endpoints: endpointList,
    routes,
    aliases: mergeAliases(fresh.aliases, carried.map((remembered) => remembered.route)),
    secretRefs: secretRefsOf(endpointList, routes),
  });
}
