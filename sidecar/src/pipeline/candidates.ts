// Stage 2: the chosen target, then the failover chain, each expanded to its backends, keeping
// only what can serve this request (capabilities, data class, credentials present). The retry
// layer filters the same list again per attempt (health, latency, tried), never widening it.

import type { IncomingHttpHeaders } from 'node:http';
import type { BackendRuntime, DataPolicyRuntime, RouteRuntime, TargetRuntime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { ChatCompletionRequest } from '../openai/index.js';
import { meetsNeeds, type CandidateView, type RequestNeeds } from '../resilience/index.js';

export type { RequestNeeds };

export interface Candidate extends CandidateView {
  readonly target: string;
  readonly targetRuntime: TargetRuntime;
  readonly backend: BackendRuntime;
}

/** The candidates of one request and the limits every failover must keep to. */
export interface CandidatePlan {
  readonly candidates: readonly Candidate[];
  readonly needs: RequestNeeds;
  /** Endpoint ids the request's data class may reach; null when the route has no data policy. */
  readonly allowedEndpoints: ReadonlySet<string> | null;
}

export const EMBEDDINGS_NEEDS: RequestNeeds = { vision: false, tools: false, jsonSchema: false, streaming: false, embeddings: true };

export function chatNeeds(request: ChatCompletionRequest): RequestNeeds {
  return {
    vision: request.messages.some((message) => message.role === 'user' && Array.isArray(message.content)
      && message.content.some((part) => part.type === 'image_url')),
    tools: (request.tools?.length ?? 0) > 0,
    jsonSchema: request.response_format?.type === 'json_schema',
    streaming: request.stream === true,
    embeddings: false,
  };
}

/**
 * @example planCandidates(route, 'mini', chatNeeds(request), req.headers).candidates
 *   // [{ target: 'mini', endpointId: 'openai/us', … }, { target: 'haiku', endpointId: 'anthropic/eu', … }, …]
 */
export function planCandidates(
  route: RouteRuntime, chosen: string, needs: RequestNeeds, headers: IncomingHttpHeaders, detectedClass?: string,
): CandidatePlan {
  const allowedEndpoints = allowedEndpointsOf(route.dataPolicy, headers, detectedClass);
  const order = [chosen, ...route.failoverChain.filter((name) => name !== chosen)];
  const capable = order.flatMap((name) => {
    const target = route.targets.get(name);
    return target !== undefined && meetsNeeds(target.capabilities, needs) ? [target] : [];
  });
  if (capable.length === 0) throw new GatewayError('unsupported', `No target of route '${route.name}' supports ${describeNeeds(needs)}.`);
  const candidates = capable.flatMap((target) => target.backends
    .filter((backend) => usable(backend, needs) && (allowedEndpoints === null || allowedEndpoints.has(backend.endpoint.id)))
    .map((backend): Candidate => ({
      endpointId: backend.endpoint.id, target: target.name, capabilities: target.capabilities, targetRuntime: target, backend,
    })));
  if (candidates.length === 0) throw new GatewayError('no_route', `No endpoint of route '${route.name}' may serve this request right now.`);
  return { candidates, needs, allowedEndpoints };
}

function usable(backend: BackendRuntime, needs: RequestNeeds): boolean {
  return !backend.endpoint.credentialMissing && (!needs.embeddings || backend.endpoint.adapter.embeddings !== undefined);
}

/** Endpoint ids the request's data class may reach; null when the route has no data policy. */
function allowedEndpointsOf(policy: DataPolicyRuntime | null, headers: IncomingHttpHeaders, detectedClass: string | undefined): ReadonlySet<string> | null {
  if (policy === null) return null;
  const named = policy.classHeader === null ? undefined : headers[policy.classHeader];
  // Detection wins over what the client declares: a request found to carry PII never goes
  // where the declared class would let it.
  const dataClass = detectedClass ?? (typeof named === 'string' ? named : policy.defaultClass);
  const allowed = policy.classes.get(dataClass);
  if (allowed !== undefined) return allowed;
  const known = [...policy.classes.keys()].join(', ');
  throw new GatewayError('invalid_request', `Unknown data class in header ${policy.classHeader ?? ''}; expected one of: ${known}.`);
}

function describeNeeds(needs: RequestNeeds): string {
  const named = (Object.keys(needs) as (keyof RequestNeeds)[]).filter((need) => needs[need]);
  return named.length === 0 ? 'this request' : `what this request needs (${named.join(', ')})`;
}
