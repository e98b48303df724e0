// Route target → the endpoints that serve it. Checks use it to report broken references; the
// emitters use it to build backends. The logical → concrete step of the data plane, done once.
import type { ModelRoute, PoolEndpoint, PoolModel, RouteTarget } from '../../api/types.js';
import type { CapabilitiesConfig } from '../../config/types.js';
import { quote, type CheckContext } from '../context.js';
import { byKey } from '../order.js';
import type { FindingReason } from '../reasons.js';

export interface ResolvedBackend {
  endpointId: string;
  pool: string;
  endpoint: PoolEndpoint;
  model: PoolModel;
}

export type TargetResolution =
  | { ok: true; backends: ResolvedBackend[] }
  | { ok: false; reason: Extract<FindingReason, 'PoolNotFound' | 'PoolNotAccepted' | 'EndpointNotFound' | 'ModelNotFound'>; message: string };

export function endpointId(pool: string, endpoint: string): string {
  return `${pool}/${endpoint}`;
}

export function resolveTarget(ctx: Pick<CheckContext, 'namespace' | 'pools' | 'rejected'>, target: RouteTarget): TargetResolution {
  const where = `target ${quote(target.name)}`;
  const pool = ctx.pools.get(target.pool);
  if (ctx.rejected.ProviderPool.has(target.pool)) {
    return { ok: false, reason: 'PoolNotAccepted', message: `${where}: ProviderPool ${quote(target.pool)} is not accepted` };
  }
  if (!pool) {
    return { ok: false, reason: 'PoolNotFound', message: `${where}: ProviderPool ${quote(target.pool)} not found in namespace ${quote(ctx.namespace)}` };
  }
  const candidates = target.endpoint === undefined
    ? pool.spec.endpoints
    : pool.spec.endpoints.filter((endpoint) => endpoint.name === target.endpoint);
  if (candidates.length === 0) {
    return { ok: false, reason: 'EndpointNotFound', message: `${where}: ProviderPool ${quote(target.pool)} has no endpoint ${quote(target.endpoint ?? '')}` };
  }
  const backends = candidates.flatMap((endpoint) => endpoint.models
    .filter((model) => model.name === target.model)
    .map((model) => ({ endpointId: endpointId(pool.metadata.name, endpoint.name), pool: pool.metadata.name, endpoint, model })));
  if (backends.length === 0) {
    const serving = target.endpoint === undefined
      ? `no endpoint of ProviderPool ${quote(target.pool)} serves`
      : `endpoint ${quote(endpointId(target.pool, target.endpoint))} does not serve`;
    return { ok: false, reason: 'ModelNotFound', message: `${where}: ${serving} model ${quote(target.model)}` };
  }
  return { ok: true, backends: backends.sort(byKey((backend) => backend.endpointId)) };
}

/** Backends of every target that resolves, keyed by target name. */
export function resolveRouteTargets(ctx: Pick<CheckContext, 'namespace' | 'pools' | 'rejected'>, route: ModelRoute): Map<string, ResolvedBackend[]> {
  const resolved = new Map<string, ResolvedBackend[]>();
  for (const target of route.spec.targets) {
    const result = resolveTarget(ctx, target);
    if (result.ok) resolved.set(target.name, result.backends);
  }
  return resolved;
}

function minimum(values: readonly (number | undefined)[]): number | null {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? null : Math.min(...known);
}

/** What every backend supports: a target may be served by any of them. */
export function targetCapabilities(backends: readonly ResolvedBackend[]): CapabilitiesConfig {
  const all = backends.map((backend) => backend.model.capabilities);
  return {
    contextWindowTokens: minimum(all.map((c) => c.contextWindowTokens)) ?? 0,
    maxOutputTokens: minimum(all.map((c) => c.maxOutputTokens)),
    vision: all.every((c) => c.vision === true),
    tools: all.every((c) => c.tools === true),
    jsonSchema: all.every((c) => c.jsonSchema === true),
    embeddings: all.every((c) => c.embeddings === true),
    streaming: all.every((c) => c.streaming !== false),
  };
}
