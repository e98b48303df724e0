// The sidecar's whole HTTP surface. Data-plane routes are metered; probes are not. The admin
// listener (cluster mode) serves the probes alone, so the kubelet can reach them from outside
// the pod's loopback without reaching the data plane.

import { handleChat } from '../pipeline/chat.js';
import { handleEmbeddings } from '../pipeline/embeddings.js';
import { handleModels } from '../pipeline/models.js';
import { GatewayError } from '../errors/index.js';
import type { Exchange } from './exchange.js';
import { handleHealthz, handleMetrics, handleReadyz } from './health.js';

export interface RouteSpec {
  readonly handle: (ex: Exchange) => Promise<void>;
  readonly metered: boolean;
}

type RouteTable = ReadonlyMap<string, Readonly<Record<string, RouteSpec>>>;

/** Picks the route for a request's method and URL. */
export type RouteLookup = (method: string | undefined, url: string | undefined) => RouteSpec;

const PROBES: [string, Record<string, RouteSpec>][] = [
  ['/healthz', { GET: { handle: handleHealthz, metered: false } }],
  ['/readyz', { GET: { handle: handleReadyz, metered: false } }],
  ['/metrics', { GET: { handle: handleMetrics, metered: false } }],
];

const ROUTES: RouteTable = new Map<string, Record<string, RouteSpec>>([
  ['/v1/chat/completions', { POST: { handle: handleChat, metered: true } }],
  ['/v1/embeddings', { POST: { handle: handleEmbeddings, metered: true } }],
  ['/v1/models', { GET: { handle: handleModels, metered: true } }],
  ...PROBES,
]);

const ADMIN_ROUTES: RouteTable = new Map(PROBES);

const UNMETERED_FAILURE = (error: GatewayError): RouteSpec => ({ handle: () => Promise.reject(error), metered: false });

/** The route for a request; unknown paths and methods get a route that fails with 404/405. */
export const routeOf: RouteLookup = (method, url) => routeIn(ROUTES, method, url);

/** The admin listener's route: probes and metrics only; everything else is 404. */
export const adminRouteOf: RouteLookup = (method, url) => routeIn(ADMIN_ROUTES, method, url);

function routeIn(table: RouteTable, method: string | undefined, url: string | undefined): RouteSpec {
  const path = pathOnly(url ?? '/');
  const methods = table.get(path);
  if (methods === undefined) return UNMETERED_FAILURE(new GatewayError('not_found', `Unknown path ${JSON.stringify(path.slice(0, 200))}.`));
  const spec = method !== undefined && Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (spec !== undefined) return spec;
  const allow = Object.keys(methods).join(', ');
  return UNMETERED_FAILURE(new GatewayError('method_not_allowed', `Use ${allow} for ${path}.`, { headers: { allow } }));
}

function pathOnly(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
