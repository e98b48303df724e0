// JSON Schema of ProviderPool, key for key with api/types.ts.
import { API_GROUP_VERSION } from '../api/types.js';
import type {
  CanaryProbe, Commitment, EndpointTimeouts, HealthPolicy, ModelCapabilities, ModelPricing, PoolEndpoint, PoolModel,
  ProviderPool, ProviderPoolSpec, RateLimit,
} from '../api/types.js';
import { boolean, closedObject, constant, integer, oneOfStrings, pattern, text } from '../schema/closed-object.js';
import { COMMITMENT_TYPES, PROVIDER_FLAVORS, PROVIDER_TYPES } from '../schema/enums.js';
import {
  anyStatus, billingWindow, items, LIMITS, longText, milliseconds, modelName, money, name, names, objectMeta, secretKeyRef, shortText,
} from './common.js';

const capabilities = closedObject<ModelCapabilities>({
  contextWindowTokens: integer(1, LIMITS.tokens),
  maxOutputTokens: integer(1, LIMITS.tokens),
  vision: boolean,
  tools: boolean,
  jsonSchema: boolean,
  embeddings: boolean,
  streaming: boolean,
}, { maxOutputTokens: true, vision: true, tools: true, jsonSchema: true, embeddings: true, streaming: true });

const pricing = closedObject<ModelPricing>({
  inputPerMillion: money,
  cachedInputPerMillion: money,
  cacheWritePerMillion: money,
  outputPerMillion: money,
  batchDiscountPercent: integer(0, 100),
}, { cachedInputPerMillion: true, cacheWritePerMillion: true, batchDiscountPercent: true });

const model = closedObject<PoolModel>({ name: modelName, deployment: name, capabilities, pricing }, { deployment: true });

const endpoint = closedObject<PoolEndpoint>({
  name,
  provider: oneOfStrings(PROVIDER_TYPES),
  flavor: oneOfStrings(PROVIDER_FLAVORS),
  baseURL: pattern('^https?://', LIMITS.url),
  inCluster: boolean,
  apiVersion: text(64),
  credentials: closedObject<NonNullable<PoolEndpoint['credentials']>>({ secretRef: secretKeyRef }, {}),
  region: text(64),
  jurisdiction: text(64),
  complianceTags: names,
  models: items(model, LIMITS.models, 1),
  commitment: closedObject<Commitment>(
    { type: oneOfStrings(COMMITMENT_TYPES), quotaPerCycle: money, cycle: billingWindow }, { quotaPerCycle: true, cycle: true }),
  timeouts: closedObject<EndpointTimeouts>({
    connectMilliseconds: milliseconds, firstByteMilliseconds: milliseconds, idleMilliseconds: milliseconds, totalMilliseconds: milliseconds,
  }, { connectMilliseconds: true, firstByteMilliseconds: true, idleMilliseconds: true, totalMilliseconds: true }),
  rateLimit: closedObject<RateLimit>(
    { requestsPerMinute: integer(1, 1_000_000_000), tokensPerMinute: integer(1, 1_000_000_000) },
    { requestsPerMinute: true, tokensPerMinute: true }),
  health: closedObject<HealthPolicy>(
    { consecutiveFailures: integer(1, 1000), baseEjectionSeconds: integer(1, LIMITS.seconds), maxEjectionSeconds: integer(1, LIMITS.seconds) },
    { consecutiveFailures: true, baseEjectionSeconds: true, maxEjectionSeconds: true }),
  canary: closedObject<CanaryProbe>({
    enabled: boolean, intervalSeconds: integer(1, LIMITS.seconds), model: modelName, prompt: longText, expectContains: shortText,
  }, { intervalSeconds: true, model: true }),
}, {
  flavor: true, inCluster: true, apiVersion: true, credentials: true, region: true, jurisdiction: true, complianceTags: true,
  commitment: true, timeouts: true, rateLimit: true, health: true, canary: true,
});

export const providerPoolSchema = closedObject<ProviderPool>({
  apiVersion: constant(API_GROUP_VERSION),
  kind: constant('ProviderPool'),
  metadata: objectMeta,
  spec: closedObject<ProviderPoolSpec>({ endpoints: items(endpoint, LIMITS.endpoints, 1) }, {}),
  status: anyStatus,
}, { status: true });
