// The compiled config as per-request code needs it: lookup maps, adapters, pools and ready-made
// adapter targets. Built once per config and never mutated; a request captures one Runtime and
// uses it to the end, whatever reloads happen meanwhile.

import type {
  CapabilitiesConfig, CompiledEndpoint, CompiledRoute, CompiledTarget, HeaderMatch, PricingConfig, SidecarConfig, Timeouts,
} from '@switchyard/contract';
import type { Dispatcher } from 'undici';
import { getAdapter, type ProviderAdapter, type Target } from '../providers/index.js';
import { retryPolicyOf, type Resilience, type RetryPolicy } from '../resilience/index.js';
import { planRoute, type RoutePlan } from '../routing/index.js';
import { isBlockedLiteralHost } from '../upstream/address-guard.js';
import { secretForms } from '../upstream/secret-forms.js';
import type { PoolKey, PoolSet } from '../upstream/pools.js';
import { credentialOf, type Credentials } from './credentials.js';
import { buildModelList } from './model-list.js';

export interface EndpointRuntime {
  readonly id: string;
  readonly adapter: ProviderAdapter;
  readonly dispatcher: Dispatcher;
  /** `scheme://host[:port]` exactly as baseURL spells it; upstream URLs start with it. */
  readonly origin: string;
  /** The API key; '' for keyless endpoints. Never logged. */
  readonly apiKey: string;
  /** The key as an echo may spell it (raw, URL-encoded, base64): cut from relayed error text. */
  readonly secretForms: readonly string[];
  /** The endpoint names a credential whose value has not arrived (yet). */
  readonly credentialMissing: boolean;
}

export interface BackendRuntime {
  readonly endpoint: EndpointRuntime;
  readonly upstreamModel: string;
  readonly pricing: PricingConfig;
  readonly timeouts: Timeouts;
  /** What the adapter translates for: endpoint, model and key in its terms. */
  readonly adapterTarget: Target;
}

export interface TargetRuntime {
  readonly name: string;
  readonly model: string;
  readonly capabilities: CapabilitiesConfig;
  readonly backends: readonly BackendRuntime[];
}

export interface DataPolicyRuntime {
  readonly classHeader: string | null;
  readonly defaultClass: string;
  /** Class → endpoint ids allowed to see its requests. */
  readonly classes: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface RouteRuntime {
  readonly name: string;
  readonly headers: readonly HeaderMatch[];
  readonly useCaseHeader: string;
  /** Use case → targets, most preferred first. */
  readonly useCases: ReadonlyMap<string, readonly string[]>;
  readonly defaultTarget: string;
  readonly targets: ReadonlyMap<string, TargetRuntime>;
  readonly failoverChain: readonly string[];
  /** Retry limits and backoff, with the hard caps applied. */
  readonly retryPolicy: RetryPolicy;
  readonly dataPolicy: DataPolicyRuntime | null;
  /** Rules, intent scorer and ranked targets, prepared once per config. */
  readonly routing: RoutePlan;
  /** The compiled route, for stages (semantic routing, retry policy) that read more of it. */
  readonly compiled: CompiledRoute;
}

export interface Runtime {
  readonly version: string;
  readonly revision: number;
  /** Loaded from the last good config on disk, so built without credentials. */
  readonly restored: boolean;
  readonly config: SidecarConfig;
  /** Model name a client sends → candidate routes, most specific first. */
  readonly aliases: ReadonlyMap<string, readonly RouteRuntime[]>;
  /** The `GET /v1/models` body, serialised once. */
  readonly modelList: string;
  /** Every pool this runtime sends to; the holder closes the others after a swap. */
  readonly poolKeys: readonly PoolKey[];
  /** Health, latency and retry budgets of this process: shared by every runtime it builds. */
  readonly resilience: Resilience;
  /** Route name → the HMAC key its logging policy hashes with, for routes whose key arrived. Never logged. */
  readonly logHashKeys: ReadonlyMap<string, string>;
}

export interface BuildOptions {
  readonly pools: PoolSet;
  readonly revision: number;
  readonly restored?: boolean;
  readonly resilience: Resilience;
}

/**
 * Precompiles a validated config. Throws when the config cannot be served (an endpoint URL that
 * does not parse); the caller keeps its previous runtime then.
 *
 * @example
 * const runtime = buildRuntime(config, { 'openai/apiKey': 'sk-…' }, { pools, revision: 7, resilience });
 * runtime.aliases.get('chat')?.[0]?.targets.get('mini')?.backends[0]?.endpoint.adapter.name // 'openai'
 */
export function buildRuntime(config: SidecarConfig, credentials: Credentials, options: BuildOptions): Runtime {
  const endpoints = new Map(config.endpoints.map((endpoint) => [endpoint.id, buildEndpoint(endpoint, credentials, options.pools)]));
  const routes = new Map(config.routes.map((route) => [route.name, buildRoute(route, config.endpoints, endpoints)]));
  const aliases = new Map(config.aliases.map((entry) => [entry.alias, entry.routes.flatMap((name) => routes.get(name) ?? [])]));
  return {
    version: config.version,
    revision: options.revision,
    restored: options.restored ?? false,
    config,
    aliases,
    modelList: buildModelList(config),
    poolKeys: config.endpoints.map(poolKeyOf),
    resilience: options.resilience,
    logHashKeys: logHashKeysOf(config.routes, credentials),
  };
}

function logHashKeysOf(routes: readonly CompiledRoute[], credentials: Credentials): ReadonlyMap<string, string> {
  return new Map(routes.flatMap((route) => {
    const key = route.logging.hashKey === null ? undefined : credentialOf(credentials, route.logging.hashKey);
    return key === undefined ? [] : [[route.name, key] as const];
  }));
}

function poolKeyOf(endpoint: CompiledEndpoint): PoolKey {
  return { origin: literalOrigin(endpoint.baseURL), connectMs: endpoint.timeouts.connectMs, inCluster: endpoint.inCluster };
}

/** Compile refuses these; a config that reaches the sidecar some other way is refused here too. */
function checkAddress(endpoint: CompiledEndpoint): void {
  if (endpoint.inCluster || !isBlockedLiteralHost(new URL(endpoint.baseURL).hostname)) return;
  throw new Error(`endpoint ${endpoint.id}: baseURL points at a private, loopback or link-local address and the endpoint is not inCluster`);
}

/** `http://127.0.0.1:18101/v1` → `http://127.0.0.1:18101`; throws on a URL that does not parse. */
function literalOrigin(baseURL: string): string {
  new URL(baseURL);
  const hostStart = baseURL.indexOf('//') + 2;
  const pathStart = baseURL.indexOf('/', hostStart);
  return pathStart === -1 ? baseURL : baseURL.slice(0, pathStart);
}

function buildEndpoint(endpoint: CompiledEndpoint, credentials: Credentials, pools: PoolSet): EndpointRuntime {
  checkAddress(endpoint);
  const key = poolKeyOf(endpoint);
  const apiKey = endpoint.credential === null ? '' : credentialOf(credentials, endpoint.credential);
  return {
    id: endpoint.id,
    adapter: getAdapter(endpoint.provider, endpoint.flavor),
    dispatcher: pools.acquire(key),
    origin: key.origin,
    apiKey: apiKey ?? '',
    secretForms: secretForms(apiKey ?? ''),
    credentialMissing: apiKey === undefined,
  };
}

function buildRoute(
  route: CompiledRoute,
  compiledEndpoints: readonly CompiledEndpoint[],
  endpoints: ReadonlyMap<string, EndpointRuntime>,
): RouteRuntime {
  const byId = new Map(compiledEndpoints.map((endpoint) => [endpoint.id, endpoint]));
  return {
    name: route.name,
    headers: route.headers,
    useCaseHeader: route.useCaseHeader,
    useCases: new Map(route.useCases.map((useCase) => [useCase.name, useCase.targets])),
    defaultTarget: route.defaultTarget,
    targets: new Map(route.targets.map((target) => [target.name, buildTarget(target, byId, endpoints)])),
    failoverChain: route.failover.chain,
    retryPolicy: retryPolicyOf(route.retry, route.failover),
    dataPolicy: route.dataPolicy === null ? null : {
      classHeader: route.dataPolicy.classHeader,
      defaultClass: route.dataPolicy.defaultClass,
      classes: new Map(route.dataPolicy.classes.map((dataClass) => [dataClass.name, new Set(dataClass.endpointIds)])),
    },
    routing: planRoute(route),
    compiled: route,
  };
}

function buildTarget(
  target: CompiledTarget,
  compiledEndpoints: ReadonlyMap<string, CompiledEndpoint>,
  endpoints: ReadonlyMap<string, EndpointRuntime>,
): TargetRuntime {
  const backends = target.backends.flatMap((backend): BackendRuntime[] => {
    const compiled = compiledEndpoints.get(backend.endpointId);
    const endpoint = endpoints.get(backend.endpointId);
    if (compiled === undefined || endpoint === undefined) return [];
    return [{
      endpoint,
      upstreamModel: backend.upstreamModel,
      pricing: backend.pricing,
      timeouts: backend.timeouts,
      adapterTarget: adapterTargetOf(compiled, endpoint, target, backend.upstreamModel),
    }];
  });
  return { name: target.name, model: target.model, capabilities: target.capabilities, backends };
}

function adapterTargetOf(compiled: CompiledEndpoint, endpoint: EndpointRuntime, target: CompiledTarget, upstreamModel: string): Target {
  const azure = compiled.provider === 'azure-openai';
  return {
    provider: compiled.provider,
    flavor: compiled.flavor,
    baseURL: compiled.baseURL,
    model: azure ? target.model : upstreamModel,
    apiKey: endpoint.apiKey,
    ...(azure ? { deployment: upstreamModel } : {}),
    ...(compiled.apiVersion === null ? {} : { apiVersion: compiled.apiVersion }),
    ...(target.capabilities.maxOutputTokens === null ? {} : { maxOutputTokens: target.capabilities.maxOutputTokens }),
  };
}
