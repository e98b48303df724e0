// The sidecar's whole HTTP surface. Data-plane routes are metered; probes are not.

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

const ROUTES: ReadonlyMap<string, Readonly<Record<string, RouteSpec>>> = new Map<string, Record<string, RouteSpec>>([
  ['/v1/chat/completions', { POST: { handle: handleChat, metered: true } }],
  ['/v1/embeddings', { POST: { handle: handleEmbeddings, metered: true } }],
  ['/v1/models', { GET: { handle: handleModels, metered: true } }],
  ['/healthz', { GET: { handle: handleHealthz, metered: false } }],
  ['/readyz', { GET: { handle: handleReadyz, metered: false } }],
  ['/metrics', { GET: { handle: handleMetrics, metered: false } }],
]);

const UNMETERED_FAILURE = (error: GatewayError): RouteSpec => ({ handle: () => Promise.reject(error), metered: false });

/** The route for a request; unknown paths and methods get a route that fails with 404/405. */
export function routeOf(method: string | undefined, url: string | undefined): RouteSpec {
  const path = pathOnly(url ?? '/');
  const methods = ROUTES.get(path);
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
