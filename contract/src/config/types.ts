// The sidecar config: the one document compile() produces and the sidecar serves. It is built
// for the data plane: every reference is resolved, every default is filled in, money is integer
// micro-USD, durations are integer milliseconds, header names are lower case. No field is
// optional; "absent" is an explicit null. Secret values never appear, only references.
// The JSON Schema in schema.ts mirrors these types key for key (checked at compile time).

import type {
  BudgetThreshold, PiiAction, PiiEntityType, ProviderFlavor, ProviderType,
} from '../api/types.js';
import type { IntentModel } from '../classifier/model.js';

/** Bumped on any incompatible change; a sidecar refuses a config whose schemaVersion it does not know. */
export const CONFIG_SCHEMA_VERSION = 1;

export interface SidecarConfig {
  schemaVersion: typeof CONFIG_SCHEMA_VERSION;
  /** `sha256:<16 hex>` over the canonical JSON of everything else (see version.ts). */
  version: string;
  scope: ConfigScope;
  /** Endpoints used by at least one route, sorted by id. */
  endpoints: CompiledEndpoint[];
  /** Sorted by name. */
  routes: CompiledRoute[];
  /** Model name a client sends → candidate routes in match order; sorted by alias. */
  aliases: AliasEntry[];
  /** Sorted by name. */
  budgets: CompiledBudget[];
  /** Every secret value the sidecar needs, sorted and unique: the operator delivers exactly these. */
  secretRefs: SecretRef[];
}

export interface ConfigScope {
  namespace: string;
  /** The workload the config was compiled for; null for a namespace-wide config. */
  workload: string | null;
}

export interface SecretRef {
  secret: string;
  key: string;
}

// ---------------------------------------------------------------- endpoints

export interface CompiledEndpoint {
  /** `<pool>/<endpoint>`. */
  id: string;
  pool: string;
  name: string;
  provider: ProviderType;
  /** "generic" unless the endpoint is openai-compatible with a named flavor. */
  flavor: ProviderFlavor;
  /** API root without a trailing slash. */
  baseURL: string;
  inCluster: boolean;
  /** Azure OpenAI api-version; null for other providers. */
  apiVersion: string | null;
  credential: SecretRef | null;
  region: string | null;
  jurisdiction: string | null;
  /** Sorted, unique. */
  complianceTags: string[];
  timeouts: Timeouts;
  health: HealthConfig;
  rateLimit: RateLimitConfig | null;
  canary: CanaryConfig | null;
  commitment: CommitmentConfig;
}

export interface Timeouts {
  connectMs: number;
  /** Until the first response byte; for a stream, the first event. */
  firstByteMs: number;
  /** Longest silence between two chunks of a response once it has started. */
  idleMs: number;
  /** One attempt, start to last byte. */
  totalMs: number;
}

export interface HealthConfig {
  consecutiveFailures: number;
  baseEjectionMs: number;
  maxEjectionMs: number;
}

export interface RateLimitConfig {
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
}

export interface CanaryConfig {
  intervalMs: number;
  /** Model name as the pool lists it. */
  model: string;
  /** Name to send upstream (the Azure deployment, else the model). */
  upstreamModel: string;
  prompt: string;
  /** Lower case; the probe passes when the lower-cased answer contains it. */
  expectContains: string;
}

export interface CommitmentConfig {
  type: 'pay-as-you-go' | 'reserved' | 'prepaid';
  /** Null for pay-as-you-go. */
  quotaMicroUsd: number | null;
  /** Null for pay-as-you-go. */
  cycle: BillingWindowConfig | null;
}

/** Windows are in UTC. A monthly window starts at 00:00 on anchorDay. */
export type BillingWindowConfig = { period: 'daily' } | { period: 'monthly'; anchorDay: number };

// ---------------------------------------------------------------- routes

export interface CompiledRoute {
  name: string;
  /** Model names clients send; the first is the primary alias. */
  aliases: string[];
  /** All must match (lower-case name, exact value); sorted by name. */
  headers: HeaderMatch[];
  useCaseHeader: string;
  /** Target for requests no use case, rule or intent decides. */
  defaultTarget: string;
  /** Sorted by name. */
  targets: CompiledTarget[];
  /** Sorted by name; each lists targets most preferred first. */
  useCases: UseCaseConfig[];
  semantic: SemanticConfig | null;
  failover: FailoverConfig;
  retry: RetryConfig;
  /** Null when the route declares none: every endpoint is eligible for every request. */
  dataPolicy: DataPolicyConfig | null;
  pii: PiiConfig | null;
  logging: LoggingConfig;
  /** Sorted by name. */
  experiments: ExperimentConfig[];
}

export interface HeaderMatch {
  name: string;
  value: string;
}

export interface CompiledTarget {
  name: string;
  /** Model name as the route and pool write it. */
  model: string;
  /** 1 (cheapest acceptable) to 5 (strongest); 3 when the route does not say. */
  qualityTier: number;
  /** What every backend of the target supports (the intersection; smallest limits). */
  capabilities: CapabilitiesConfig;
  /** The endpoints serving the model, sorted by endpointId. */
  backends: Backend[];
}

export interface CapabilitiesConfig {
  contextWindowTokens: number;
  maxOutputTokens: number | null;
  vision: boolean;
  tools: boolean;
  jsonSchema: boolean;
  embeddings: boolean;
  streaming: boolean;
}

export interface Backend {
  endpointId: string;
  /** The name sent upstream: the Azure deployment, else the model. */
  upstreamModel: string;
  pricing: PricingConfig;
  /** The endpoint's timeouts with the route's overrides applied. */
  timeouts: Timeouts;
}

/** Integer micro-USD per million tokens. */
export interface PricingConfig {
  inputMicroUsdPerMillion: number;
  cachedInputMicroUsdPerMillion: number;
  cacheWriteMicroUsdPerMillion: number;
  outputMicroUsdPerMillion: number;
  batchDiscountPercent: number;
}

export interface UseCaseConfig {
  name: string;
  targets: string[];
}

export interface SemanticConfig {
  /** In declared order: the first rule that matches wins. */
  rules: RuleConfig[];
  /** Sorted by name. */
  intents: IntentConfig[];
  /** The classifier compile trained from the intents' examples; null when there are no intents. */
  model: IntentModel | null;
  minConfidence: number;
  /** Header a client may set to name a target; null when overrides are off. */
  override: { header: string } | null;
}

export interface RuleConfig {
  name: string;
  target: string;
  when: RuleConditionConfig;
}

/** Every non-empty/non-null condition must hold. */
export interface RuleConditionConfig {
  /** Lower case, sorted. */
  languages: string[];
  modalities: ('image' | 'audio')[];
  minPromptTokens: number | null;
  maxPromptTokens: number | null;
  /** Lower case, sorted; matched case-insensitively, any one suffices. */
  keywords: string[];
  pattern: PatternConfig | null;
  needsTools: boolean;
  needsJsonSchema: boolean;
}

/** A pattern checked at compile time to compile and to be free of catastrophic backtracking. */
export interface PatternConfig {
  /** For `new RegExp(source, flags)`. */
  source: string;
  flags: 'u' | 'iu';
}

/** The examples stay in the ModelRoute: the sidecar only scores, with `SemanticConfig.model`. */
export interface IntentConfig {
  name: string;
  requiredTier: number;
  /** Eligible targets (tier ≥ requiredTier), cheapest tier first, then by name. */
  targets: string[];
}

export interface FailoverConfig {
  /** Targets tried in order after the chosen one; may name the default target; tried targets are skipped. */
  chain: string[];
  allowLargerContext: boolean;
}

export interface RetryConfig {
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Budget for all attempts, backoff and failover until the first byte goes downstream. */
  deadlineMs: number;
  budgetPercent: number;
  minRetriesPerSecond: number;
}

export interface DataPolicyConfig {
  /** Sorted by name; includes the default class. */
  classes: DataClassConfig[];
  defaultClass: string;
  classHeader: string | null;
  piiDetectedClass: string | null;
}

export interface DataClassConfig {
  name: string;
  /** Endpoints of this route allowed to see requests of the class; sorted, never empty. */
  endpointIds: string[];
}

export interface PiiConfig {
  /** Sorted by type. */
  entities: { type: PiiEntityType; action: PiiAction }[];
  /** Sorted by name. */
  custom: { name: string; pattern: PatternConfig; action: PiiAction }[];
  restoreInResponse: boolean;
}

export interface LoggingConfig {
  /** Sorted by field; "prompt" and "response" are always present (default strip). */
  fields: { field: string; action: 'keep' | 'strip' | 'hash' }[];
  sampleRate: number;
  sink: 'stdout' | 'file';
  hashKey: SecretRef | null;
}

export interface ExperimentConfig {
  name: string;
  intent: string | null;
  /** In declared order (bucketing depends on it). */
  variants: { name: string; target: string; weight: number }[];
  sticky: 'none' | 'user' | 'header';
  /** Set when sticky is "header"; lower case. */
  stickyHeader: string | null;
  evaluator: EvaluatorConfig | null;
}

export interface EvaluatorConfig {
  type: 'expected-answer' | 'json-valid' | 'judge';
  expectContains: string | null;
  judgeTarget: string | null;
}

export interface AliasEntry {
  alias: string;
  /** Most specific first (more header matches), then oldest; the first whose headers match wins. */
  routes: string[];
}

// ---------------------------------------------------------------- budgets

export interface CompiledBudget {
  name: string;
  scope: BudgetScopeConfig;
  window: BillingWindowConfig;
  limitMicroUsd: number;
  maxRequestCostMicroUsd: number | null;
  onExceed: 'reject' | 'downgrade';
  /** Sorted by percent. */
  thresholds: BudgetThreshold[];
  /** Who the spend is charged to in usage records, from the pod labels the budget names. */
  attribution: BudgetAttributionConfig;
  /**
   * Why the BudgetPolicy failed to compile; null when it compiled. A broken budget fails
   * closed: every request it covers is refused (never served unlimited) until it is fixed.
   */
  broken: string | null;
}

export interface BudgetAttributionConfig {
  /** The team: the workload's value of the budget's teamLabel, else scope.team; null when neither. */
  team: string | null;
  feature: string | null;
}

export interface BudgetScopeConfig {
  /** Routes in this config the budget covers; sorted, never empty. */
  routes: string[];
  /** Requests must carry this header (lower case), with this value when not null. */
  header: { name: string; value: string | null } | null;
  /**
   * Pod labels the sidecar's workload must carry. Empty when the config was compiled for a
   * workload: compile checked them and left out budgets that do not apply.
   */
  podLabels: { name: string; value: string }[];
}
