// JSON Schema (draft 2020-12) of SidecarConfig. Closed everywhere and bounded everywhere, so a
// sidecar can refuse a malformed or oversized document before building anything from it.
import {
  boolean, closedObject, constant, integer, list, nullable, number, oneOfStrings, pattern, text,
  type Schema,
} from '../schema/closed-object.js';
import {
  BILLING_PERIODS, COMMITMENT_TYPES, EVALUATOR_TYPES, LOG_ACTIONS, LOG_SINKS, MODALITIES, ON_EXCEED_ACTIONS,
  PII_ACTIONS, PII_ENTITY_TYPES, PROVIDER_FLAVORS, PROVIDER_TYPES, STICKY_MODES, THRESHOLD_ACTIONS,
} from '../schema/enums.js';
import type {
  AliasEntry, Backend, BudgetAttributionConfig, BudgetScopeConfig, CanaryConfig, CapabilitiesConfig, CommitmentConfig, CompiledBudget,
  CompiledEndpoint, CompiledRoute, CompiledTarget, ConfigScope, DataClassConfig, DataPolicyConfig,
  EvaluatorConfig, ExperimentConfig, FailoverConfig, HeaderMatch, HealthConfig, IntentConfig, LoggingConfig,
  PatternConfig, PiiConfig, PricingConfig, RateLimitConfig, RetryConfig, RuleConditionConfig, RuleConfig,
  SecretRef, SemanticConfig, SidecarConfig, Timeouts, UseCaseConfig,
} from './types.js';
import { CONFIG_SCHEMA_VERSION } from './types.js';
import { intentModelSchema } from '../classifier/schema.js';

/** Bounds. Generous for real use, small enough that a hostile document cannot exhaust memory. */
const MAX = {
  name: 253,
  model: 256,
  labelKey: 317,
  header: 256,
  headerValue: 1024,
  url: 2048,
  pattern: 1024,
  prompt: 4096,
  endpoints: 1024,
  routes: 1024,
  budgets: 256,
  perRoute: 64,
  examples: 256,
  /** One day; the longest duration any field accepts. */
  durationMs: 86_400_000,
  /** A billion dollars in micro-USD; below Number.MAX_SAFE_INTEGER. */
  microUsd: 1_000_000_000_000_000,
  tokens: 100_000_000,
  perMinute: 1_000_000_000,
} as const;

const name = text(MAX.name);
const modelName = text(MAX.model);
const headerName = pattern("^[!#$%&'*+.^_`|~0-9a-z-]+$", MAX.header);
const durationMs = integer(1, MAX.durationMs);
const microUsd = integer(0, MAX.microUsd);
const tokens = integer(1, MAX.tokens);
const endpointId = pattern('^[^/]+/[^/]+$', MAX.name * 2 + 1);
const names = (maxItems: number, item: Schema = name): Schema => ({ ...list(item, maxItems), uniqueItems: true });

const secretRef = closedObject<SecretRef>({ secret: name, key: text(MAX.name) }, {});

const timeouts = closedObject<Timeouts>(
  { connectMs: durationMs, firstByteMs: durationMs, idleMs: durationMs, totalMs: durationMs }, {});

const billingWindow: Schema = {
  oneOf: [
    closedObject<{ period: 'daily' }>({ period: constant(BILLING_PERIODS[0]) }, {}),
    closedObject<{ period: 'monthly'; anchorDay: number }>(
      { period: constant(BILLING_PERIODS[1]), anchorDay: integer(1, 28) }, {}),
  ],
};

const endpoint = closedObject<CompiledEndpoint>({
  id: endpointId,
  pool: name,
  name,
  provider: oneOfStrings(PROVIDER_TYPES),
  flavor: oneOfStrings(PROVIDER_FLAVORS),
  baseURL: pattern('^https?://[^/?#]+(/[^?#]*[^/?#])?$', MAX.url),
  inCluster: boolean,
  apiVersion: nullable(text(64)),
  credential: nullable(secretRef),
  region: nullable(text(64)),
  jurisdiction: nullable(text(64)),
  complianceTags: names(MAX.perRoute),
  timeouts,
  health: closedObject<HealthConfig>({
    consecutiveFailures: integer(1, 1000), baseEjectionMs: durationMs, maxEjectionMs: durationMs,
  }, {}),
  rateLimit: nullable(closedObject<RateLimitConfig>({
    requestsPerMinute: nullable(integer(1, MAX.perMinute)), tokensPerMinute: nullable(integer(1, MAX.perMinute)),
  }, {})),
  canary: nullable(closedObject<CanaryConfig>({
    intervalMs: durationMs, model: modelName, upstreamModel: modelName, prompt: text(MAX.prompt), expectContains: text(MAX.prompt),
  }, {})),
  commitment: closedObject<CommitmentConfig>({
    type: oneOfStrings(COMMITMENT_TYPES), quotaMicroUsd: nullable(microUsd), cycle: nullable(billingWindow),
  }, {}),
}, {});

const patternConfig = closedObject<PatternConfig>(
  { source: text(MAX.pattern), flags: oneOfStrings(['u', 'iu']) }, {});

const pricing = closedObject<PricingConfig>({
  inputMicroUsdPerMillion: microUsd,
  cachedInputMicroUsdPerMillion: microUsd,
  cacheWriteMicroUsdPerMillion: microUsd,
  outputMicroUsdPerMillion: microUsd,
  batchDiscountPercent: integer(0, 100),
}, {});

const target = closedObject<CompiledTarget>({
  name,
  model: modelName,
  qualityTier: integer(1, 5),
  capabilities: closedObject<CapabilitiesConfig>({
    contextWindowTokens: tokens, maxOutputTokens: nullable(tokens), vision: boolean, tools: boolean,
    jsonSchema: boolean, embeddings: boolean, streaming: boolean,
  }, {}),
  backends: list(closedObject<Backend>({ endpointId, upstreamModel: modelName, pricing, timeouts }, {}), MAX.perRoute, 1),
}, {});

const ruleCondition = closedObject<RuleConditionConfig>({
  languages: names(MAX.perRoute),
  modalities: { ...list(oneOfStrings(MODALITIES), MODALITIES.length), uniqueItems: true },
  minPromptTokens: nullable(integer(0, MAX.tokens)),
  maxPromptTokens: nullable(integer(0, MAX.tokens)),
  keywords: { ...list(text(MAX.header), MAX.examples), uniqueItems: true },
  pattern: nullable(patternConfig),
  needsTools: boolean,
  needsJsonSchema: boolean,
}, {});

const semantic = closedObject<SemanticConfig>({
  rules: list(closedObject<RuleConfig>({ name, target: name, when: ruleCondition }, {}), MAX.perRoute),
  intents: list(closedObject<IntentConfig>({
    name, requiredTier: integer(1, 5), targets: names(MAX.perRoute),
  }, {}), MAX.perRoute),
  model: nullable(intentModelSchema),
  minConfidence: number(0, 1),
  override: nullable(closedObject<{ header: string }>({ header: headerName }, {})),
}, {});

const dataPolicy = closedObject<DataPolicyConfig>({
  classes: list(closedObject<DataClassConfig>({ name, endpointIds: { ...names(MAX.perRoute, endpointId), minItems: 1 } }, {}), MAX.perRoute, 1),
  defaultClass: name,
  classHeader: nullable(headerName),
  piiDetectedClass: nullable(name),
}, {});

const pii = closedObject<PiiConfig>({
  entities: list(closedObject<PiiConfig['entities'][number]>(
    { type: oneOfStrings(PII_ENTITY_TYPES), action: oneOfStrings(PII_ACTIONS) }, {}), PII_ENTITY_TYPES.length),
  custom: list(closedObject<PiiConfig['custom'][number]>(
    { name, pattern: patternConfig, action: oneOfStrings(PII_ACTIONS) }, {}), MAX.perRoute),
  restoreInResponse: boolean,
}, {});

const logging = closedObject<LoggingConfig>({
  fields: list(closedObject<LoggingConfig['fields'][number]>(
    { field: text(MAX.header), action: oneOfStrings(LOG_ACTIONS) }, {}), MAX.perRoute + 2, 2),
  sampleRate: number(0, 1),
  sink: oneOfStrings(LOG_SINKS),
  hashKey: nullable(secretRef),
}, {});

const experiment = closedObject<ExperimentConfig>({
  name,
  intent: nullable(name),
  variants: list(closedObject<ExperimentConfig['variants'][number]>(
    { name, target: name, weight: integer(0, 1_000_000) }, {}), MAX.perRoute, 1),
  sticky: oneOfStrings(STICKY_MODES),
  stickyHeader: nullable(headerName),
  evaluator: nullable(closedObject<EvaluatorConfig>({
    type: oneOfStrings(EVALUATOR_TYPES), expectContains: nullable(text(MAX.prompt)), judgeTarget: nullable(name),
  }, {})),
}, {});

const route = closedObject<CompiledRoute>({
  name,
  aliases: { ...names(MAX.perRoute, modelName), minItems: 1 },
  headers: list(closedObject<HeaderMatch>({ name: headerName, value: text(MAX.headerValue, 0) }, {}), 16),
  useCaseHeader: headerName,
  defaultTarget: name,
  targets: list(target, MAX.perRoute, 1),
  useCases: list(closedObject<UseCaseConfig>({ name, targets: { ...names(MAX.perRoute), minItems: 1 } }, {}), MAX.perRoute),
  semantic: nullable(semantic),
  failover: closedObject<FailoverConfig>({ chain: names(MAX.perRoute), allowLargerContext: boolean }, {}),
  retry: closedObject<RetryConfig>({
    maxAttempts: integer(1, 10),
    baseBackoffMs: durationMs,
    maxBackoffMs: durationMs,
    deadlineMs: durationMs,
    budgetPercent: integer(0, 100),
    minRetriesPerSecond: integer(0, 10_000),
  }, {}),
  dataPolicy: nullable(dataPolicy),
  pii: nullable(pii),
  logging,
  experiments: list(experiment, MAX.perRoute),
}, {});

const budget = closedObject<CompiledBudget>({
  name,
  scope: closedObject<BudgetScopeConfig>({
    routes: { ...names(MAX.routes), minItems: 1 },
    header: nullable(closedObject<NonNullable<BudgetScopeConfig['header']>>(
      { name: headerName, value: nullable(text(MAX.headerValue, 0)) }, {})),
    podLabels: list(closedObject<BudgetScopeConfig['podLabels'][number]>({ name: text(MAX.labelKey), value: text(63, 0) }, {}), 2),
  }, {}),
  window: billingWindow,
  limitMicroUsd: microUsd,
  maxRequestCostMicroUsd: nullable(microUsd),
  onExceed: oneOfStrings(ON_EXCEED_ACTIONS),
  thresholds: list(closedObject<CompiledBudget['thresholds'][number]>(
    { percent: integer(1, 1000), action: oneOfStrings(THRESHOLD_ACTIONS) }, {}), 16),
  attribution: closedObject<BudgetAttributionConfig>({ team: nullable(text(63, 0)), feature: nullable(text(63, 0)) }, {}),
  broken: nullable(text(4096)),
}, {});

/** The JSON Schema every SidecarConfig satisfies. */
export const sidecarConfigSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://switchyard.dev/schemas/sidecar-config/v1.json',
  title: 'Switchyard sidecar config',
  ...closedObject<SidecarConfig>({
    schemaVersion: constant(CONFIG_SCHEMA_VERSION),
    version: pattern('^sha256:[0-9a-f]{16}$', 23),
    scope: closedObject<ConfigScope>({ namespace: text(63), workload: nullable(name) }, {}),
    endpoints: list(endpoint, MAX.endpoints),
    routes: list(route, MAX.routes),
    aliases: list(closedObject<AliasEntry>({ alias: modelName, routes: { ...names(MAX.routes), minItems: 1 } }, {}), MAX.routes * MAX.perRoute),
    budgets: list(budget, MAX.budgets),
    secretRefs: list(secretRef, MAX.endpoints + MAX.routes),
  }, {}),
};
