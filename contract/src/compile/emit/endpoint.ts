import type { Commitment, PoolEndpoint, ProviderPool } from '../../api/types.js';
import type { CanaryConfig, CommitmentConfig, CompiledEndpoint } from '../../config/types.js';
import { DEFAULT_BILLING_CYCLE, DEFAULT_CANARY_INTERVAL_MS, DEFAULT_FLAVOR, DEFAULT_HEALTH, DEFAULT_SECRET_KEY } from '../defaults.js';
import { sortedUnique } from '../order.js';
import { checkBaseURL } from '../resolve/endpoint-url.js';
import { endpointId } from '../resolve/targets.js';
import { endpointTimeouts } from './timeouts.js';
import { billingWindow, microUsd, upstreamModelOf } from './values.js';

function commitmentOf(commitment: Commitment | undefined): CommitmentConfig {
  if (!commitment || commitment.type === 'pay-as-you-go') return { type: 'pay-as-you-go', quotaMicroUsd: null, cycle: null };
  return {
    type: commitment.type,
    quotaMicroUsd: microUsd(commitment.quotaPerCycle ?? '0'),
    cycle: commitment.cycle ? billingWindow(commitment.cycle) : DEFAULT_BILLING_CYCLE,
  };
}

function canaryOf(endpoint: PoolEndpoint): CanaryConfig | null {
  const canary = endpoint.canary;
  if (!canary?.enabled) return null;
  const model = endpoint.models.find((candidate) => candidate.name === (canary.model ?? endpoint.models[0]!.name))!;
  return {
    intervalMs: canary.intervalSeconds === undefined ? DEFAULT_CANARY_INTERVAL_MS : canary.intervalSeconds * 1000,
    model: model.name,
    upstreamModel: upstreamModelOf(endpoint, model),
    prompt: canary.prompt,
    expectContains: canary.expectContains.toLowerCase(),
  };
}

function baseURLOf(endpoint: PoolEndpoint): string {
  const checked = checkBaseURL(endpoint.baseURL, endpoint.inCluster === true);
  if (!checked.ok) throw new Error(`unreachable: endpointURLsSafe admitted ${endpoint.baseURL}`);
  return checked.baseURL;
}

export function emitEndpoint(pool: ProviderPool, endpoint: PoolEndpoint): CompiledEndpoint {
  const health = endpoint.health;
  return {
    id: endpointId(pool.metadata.name, endpoint.name),
    pool: pool.metadata.name,
    name: endpoint.name,
    provider: endpoint.provider,
    flavor: endpoint.flavor ?? DEFAULT_FLAVOR,
    baseURL: baseURLOf(endpoint),
    inCluster: endpoint.inCluster === true,
    apiVersion: endpoint.provider === 'azure-openai' ? endpoint.apiVersion ?? null : null,
    credential: endpoint.credentials
      ? { secret: endpoint.credentials.secretRef.name, key: endpoint.credentials.secretRef.key ?? DEFAULT_SECRET_KEY }
      : null,
    region: endpoint.region ?? null,
    jurisdiction: endpoint.jurisdiction ?? null,
    complianceTags: sortedUnique(endpoint.complianceTags ?? []),
    timeouts: endpointTimeouts(endpoint),
    health: {
      consecutiveFailures: health?.consecutiveFailures ?? DEFAULT_HEALTH.consecutiveFailures,
      baseEjectionMs: health?.baseEjectionSeconds === undefined ? DEFAULT_HEALTH.baseEjectionMs : health.baseEjectionSeconds * 1000,
      maxEjectionMs: health?.maxEjectionSeconds === undefined ? DEFAULT_HEALTH.maxEjectionMs : health.maxEjectionSeconds * 1000,
    },
    rateLimit: endpoint.rateLimit
      ? { requestsPerMinute: endpoint.rateLimit.requestsPerMinute ?? null, tokensPerMinute: endpoint.rateLimit.tokensPerMinute ?? null }
      : null,
    canary: canaryOf(endpoint),
    commitment: commitmentOf(endpoint.commitment),
  };
}
