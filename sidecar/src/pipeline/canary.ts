// Canary probes through the same adapters and pools as real traffic: a one-line prompt to the
// endpoint's canary model, answered text back to the scheduler, which scores it. A probe never
// goes through the retry layer and never counts toward health or budgets.

import type { CanaryConfig, CompiledEndpoint } from '@switchyard/contract';
import type { BackendRuntime, Runtime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { ChatCompletionRequest } from '../openai/index.js';
import type { SendProbe } from '../resilience/index.js';
import { headerLookup, upstreamHeaders } from '../upstream/headers.js';
import { readUpstreamJson } from './completion.js';

const PROBE_MAX_TOKENS = 16;

/** @example new Resilience({ probe: canaryProbe(() => holder.current) }) */
export function canaryProbe(current: () => Runtime | null): SendProbe {
  return async (spec, signal) => {
    const runtime = current();
    const endpoint = runtime?.config.endpoints.find((candidate) => candidate.id === spec.endpointId);
    const backend = runtime === null ? undefined : backendOf(runtime, spec.endpointId);
    const canary = endpoint?.canary ?? null;
    if (endpoint === undefined || canary === null || backend === undefined) throw new Error(`no canary route to ${spec.endpointId}`);
    return ask(endpoint, canary, backend, signal);
  };
}

async function ask(endpoint: CompiledEndpoint, canary: CanaryConfig, backend: BackendRuntime, signal: AbortSignal): Promise<string> {
  const { adapter, dispatcher, origin, apiKey } = backend.endpoint;
  const target = endpoint.provider === 'azure-openai'
    ? { ...backend.adapterTarget, model: canary.model, deployment: canary.upstreamModel }
    : { ...backend.adapterTarget, model: canary.upstreamModel };
  const request: ChatCompletionRequest = { model: canary.model, messages: [{ role: 'user', content: canary.prompt }], max_tokens: PROBE_MAX_TOKENS };
  const upstream = adapter.toUpstreamRequest(request, target);
  const response = await dispatcher.request({
    path: upstream.url.slice(origin.length) || '/',
    method: upstream.method,
    headers: upstreamHeaders(upstream.headers, `canary-${endpoint.id}`),
    body: upstream.body,
    signal,
  });
  if (response.statusCode < 200 || response.statusCode > 299) {
    const text = await response.body.text();
    throw adapterError(adapter.classifyError(response.statusCode, headerLookup(response.headers), text, { secrets: apiKey === '' ? [] : [apiKey] }).message);
  }
  const answer = adapter.fromUpstreamResponse(await readUpstreamJson(response.body), { requestId: 'canary', created: 0, model: canary.model });
  const content = answer.choices[0]?.message.content;
  return typeof content === 'string' ? content : '';
}

function backendOf(runtime: Runtime, endpointId: string): BackendRuntime | undefined {
  for (const routes of runtime.aliases.values()) {
    for (const route of routes) {
      for (const target of route.targets.values()) {
        const backend = target.backends.find((candidate) => candidate.endpoint.id === endpointId);
        if (backend !== undefined) return backend;
      }
    }
  }
  return undefined;
}

function adapterError(message: string): GatewayError {
  return new GatewayError('upstream_server_error', `canary probe failed: ${message}`);
}
