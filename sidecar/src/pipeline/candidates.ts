// Stage 2: the chosen target, then the failover chain, each expanded to its backends, keeping
// only what can serve this request (capabilities, data class, credentials present).

import type { IncomingHttpHeaders } from 'node:http';
import type { CapabilitiesConfig } from '@switchyard/contract';
import type { BackendRuntime, DataPolicyRuntime, RouteRuntime, TargetRuntime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { ChatCompletionRequest } from '../openai/index.js';

export interface Candidate {
  readonly target: TargetRuntime;
  readonly backend: BackendRuntime;
}

/** Capabilities a request relies on; a target lacking one is skipped. */
export interface RequestNeeds {
  readonly vision: boolean;
  readonly tools: boolean;
  readonly jsonSchema: boolean;
  readonly streaming: boolean;
  readonly embeddings: boolean;
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
 * @example listCandidates(route, 'mini', chatNeeds(request), req.headers)
 *   // [{ target: mini, backend: openai-us }, { target: haiku, backend: anthropic }, …]
 */
export function listCandidates(route: RouteRuntime, chosen: string, needs: RequestNeeds, headers: IncomingHttpHeaders): Candidate[] {
  const allowed = allowedEndpoints(route.dataPolicy, headers);
  const order = [chosen, ...route.failoverChain.filter((name) => name !== chosen)];
  const capable = order.flatMap((name) => {
    const target = route.targets.get(name);
    return target !== undefined && meetsNeeds(target.capabilities, needs) ? [target] : [];
  });
  if (capable.length === 0) throw new GatewayError('unsupported', `No target of route '${route.name}' supports ${describeNeeds(needs)}.`);
  const candidates = capable.flatMap((target) => target.backends
    .filter((backend) => usable(backend, needs) && (allowed === null || allowed.has(backend.endpoint.id)))
    .map((backend) => ({ target, backend })));
  if (candidates.length === 0) throw new GatewayError('no_route', `No endpoint of route '${route.name}' may serve this request right now.`);
  return candidates;
}

function meetsNeeds(capabilities: CapabilitiesConfig, needs: RequestNeeds): boolean {
  return (!needs.vision || capabilities.vision) && (!needs.tools || capabilities.tools)
    && (!needs.jsonSchema || capabilities.jsonSchema) && (!needs.streaming || capabilities.streaming)
    && (!needs.embeddings || capabilities.embeddings);
}

function usable(backend: BackendRuntime, needs: RequestNeeds): boolean {
  return !backend.endpoint.credentialMissing && (!needs.embeddings || backend.endpoint.adapter.embeddings !== undefined);
}

/** Endpoint ids the request's data class may reach; null when the route has no data policy. */
function allowedEndpoints(policy: DataPolicyRuntime | null, headers: IncomingHttpHeaders): ReadonlySet<string> | null {
  if (policy === null) return null;
  const named = policy.classHeader === null ? undefined : headers[policy.classHeader];
  const dataClass = typeof named === 'string' ? named : policy.defaultClass;
  const allowed = policy.classes.get(dataClass);
  if (allowed !== undefined) return allowed;
  const known = [...policy.classes.keys()].join(', ');
  throw new GatewayError('invalid_request', `Unknown data class in header ${policy.classHeader ?? ''}; expected one of: ${known}.`);
}

function describeNeeds(needs: RequestNeeds): string {
  const named = (Object.keys(needs) as (keyof RequestNeeds)[]).filter((need) => needs[need]);
  return named.length === 0 ? 'this request' : `what this request needs (${named.join(', ')})`;
}
