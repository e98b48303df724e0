// The last valid compiled form of every route in a namespace. A route that becomes invalid
// keeps being served in that form (carry.ts) rather than vanishing from the sidecars: an edit
// that breaks a route must not change what clients of that route get. Memory is per operator
// process; see docs/adr/0005 for what a restart forgets.
import { createHash } from 'node:crypto';
import { canonicalJson, type CompiledEndpoint, type CompiledRoute, type LabelSelector, type ModelRoute, type SidecarConfig } from '@switchyard/contract';

export interface RememberedRoute {
  readonly route: CompiledRoute;
  /** The endpoints the route's backends use, as they were compiled with it. */
  readonly endpoints: readonly CompiledEndpoint[];
  readonly selector: LabelSelector | undefined;
  /** `sha256:<16 hex>` of route and endpoints: what the route serves. */
  readonly hash: string;
}

export function routeHash(route: CompiledRoute, endpoints: readonly CompiledEndpoint[]): string {
  const digest = createHash('sha256').update(canonicalJson({ route, endpoints })).digest('hex');
  return `sha256:${digest.slice(0, 16)}`;
}

export function endpointsOfRoute(route: CompiledRoute, config: SidecarConfig): CompiledEndpoint[] {
  const ids = new Set(route.targets.flatMap((target) => target.backends.map((backend) => backend.endpointId)));
  return config.endpoints.filter((endpoint) => ids.has(endpoint.id));
}

export function rememberRoute(route: CompiledRoute, config: SidecarConfig, selector: LabelSelector | undefined): RememberedRoute {
  const endpoints = endpointsOfRoute(route, config);
  return { route, endpoints, selector, hash: routeHash(route, endpoints) };
}

/**
 * The memory after a namespace-wide compile: routes in the config are (re)learnt, routes whose
 * object is gone are forgotten, invalid routes that still exist keep their old entry.
 */
export function updateMemory(
  previous: ReadonlyMap<string, RememberedRoute>,
  namespaceConfig: SidecarConfig | null,
  routes: readonly ModelRoute[],
): Map<string, RememberedRoute> {
  const present = new Map(routes.map((route) => [route.metadata.name, route]));
  const next = new Map<string, RememberedRoute>();
  for (const [name, remembered] of previous) if (present.has(name)) next.set(name, remembered);
  for (const route of namespaceConfig?.routes ?? []) {
    next.set(route.name, rememberRoute(route, namespaceConfig!, present.get(route.name)?.spec.workloadSelector));
  }
  return next;
}
