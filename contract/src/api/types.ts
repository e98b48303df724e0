// The three custom resources, switchyard.dev/v1alpha1. This file is the agreed shape; the CRD
// YAML in crds/ must describe exactly these fields, and `make check` fails when they drift.
// Money is a decimal string of US dollars ("2.50"), never a float. Durations carry their unit
// in the field name. Every list of named things is keyed by `name`.

export const API_GROUP = 'switchyard.dev';
export const API_VERSION = 'v1alpha1';
export const API_GROUP_VERSION = `${API_GROUP}/${API_VERSION}`;

export type ProviderType = 'openai' | 'azure-openai' | 'anthropic' | 'gemini' | 'openai-compatible';
/** Quirks of the OpenAI-compatible family; only meaningful with provider openai-compatible. */
export type ProviderFlavor = 'generic' | 'deepseek' | 'qwen' | 'mistral' | 'vllm' | 'ollama';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generation?: number;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface SecretKeyRef {
  /** Secret in the same namespace as the referring resource. */
  name: string;
  /** Key inside the Secret; default "apiKey". */
  key?: string;
}

// ---------------------------------------------------------------- ProviderPool

export interface ModelCapabilities {
  contextWindowTokens: number;
  maxOutputTokens?: number;
  vision?: boolean;
  tools?: boolean;
  jsonSchema?: boolean;
  embeddings?: boolean;
  /** Default true. */
  streaming?: boolean;
}

export interface ModelPricing {
  /** USD per million input tokens, decimal string. */
  inputPerMillion: string;
  /** USD per million cached input tokens; defaults to inputPerMillion. */
  cachedInputPerMillion?: string;
  /** USD per million tokens written to the prompt cache (Anthropic); defaults to inputPerMillion. */
  cacheWritePerMillion?: string;
  outputPerMillion: string;
  /** Percent off for batch requests, 0-100. */
  batchDiscountPercent?: number;
}

export interface PoolModel {
  /** The provider's model id, e.g. "gpt-4o-mini" or "claude-3-5-haiku-latest". */
  name: string;
  /** Azure OpenAI deployment name; required for azure-openai endpoints. */
  deployment?: string;
  capabilities: ModelCapabilities;
  pricing: ModelPricing;
}

export interface EndpointTimeouts {
  connectMilliseconds?: number;
  firstByteMilliseconds?: number;
  idleMilliseconds?: number;
  totalMilliseconds?: number;
}

export interface Commitment {
  /** Default pay-as-you-go. */
  type: 'pay-as-you-go' | 'reserved' | 'prepaid';
  /** Quota per billing cycle as money (USD decimal); required unless pay-as-you-go. */
  quotaPerCycle?: string;
  cycle?: BillingWindow;
}

export interface CanaryProbe {
  enabled: boolean;
  intervalSeconds?: number;
  /** Model of this endpoint to probe; defaults to the first model. */
  model?: string;
  prompt: string;
  /** The probe passes when the answer contains this text (case-insensitive). */
  expectContains: string;
}

export interface HealthPolicy {
  consecutiveFailures?: number;
  baseEjectionSeconds?: number;
  maxEjectionSeconds?: number;
}

export interface RateLimit {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export interface PoolEndpoint {
  name: string;
  provider: ProviderType;
  flavor?: ProviderFlavor;
  /** https URL of the API root, e.g. https://api.openai.com/v1. */
  baseURL: string;
  /** Allows loopback, private and cluster addresses for self-hosted models (vLLM, Ollama). */
  inCluster?: boolean;
  /** Azure OpenAI api-version query parameter; required for azure-openai. */
  apiVersion?: string;
  credentials?: { secretRef: SecretKeyRef };
  region?: string;
  /** Legal jurisdiction of the endpoint, e.g. "us", "eu", "cn". */
  jurisdiction?: string;
  complianceTags?: string[];
  models: PoolModel[];
  commitment?: Commitment;
  timeouts?: EndpointTimeouts;
  rateLimit?: RateLimit;
  health?: HealthPolicy;
  canary?: CanaryProbe;
}

export interface ProviderPoolSpec {
  endpoints: PoolEndpoint[];
}

export interface EndpointStatus {
  name: string;
  health: 'Healthy' | 'Ejected' | 'Broken' | 'Unknown';
  /** Reserved or prepaid quota left this cycle (USD decimal). */
  quotaRemaining?: string;
  canaryReady?: boolean;
  message?: string;
}

export interface ProviderPoolStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  endpoints?: EndpointStatus[];
  /** Printer column text, e.g. "3/3 healthy". */
  health?: string;
}

export interface ProviderPool {
  apiVersion: typeof API_GROUP_VERSION;
  kind: 'ProviderPool';
  metadata: ObjectMeta;
  spec: ProviderPoolSpec;
  status?: ProviderPoolStatus;
}

// ---------------------------------------------------------------- ModelRoute

export type PiiEntityType =
  | 'email' | 'phone' | 'credit-card' | 'iban' | 'us-ssn' | 'ipv4' | 'ipv6' | 'secret';
export type PiiAction = 'redact' | 'block' | 'allow';

export interface RouteTarget {
  name: string;
  /** ProviderPool in the route's namespace. */
  pool: string;
  /** Endpoint in the pool; any endpoint serving the model when omitted. */
  endpoint?: string;
  model: string;
  /** 1 (cheapest acceptable) to 5 (strongest). */
  qualityTier?: number;
}

export interface UseCasePriority {
  name: string;
  /** Target names, most preferred first. */
  targets: string[];
}

export interface RouteMatch {
  /** Model names clients send; the first is the route's primary alias. */
  models: string[];
  headers?: { name: string; value: string }[];
  /** Header that carries the use case; default x-switchyard-use-case. */
  useCaseHeader?: string;
}

export interface SemanticRuleCondition {
  /** ISO 639-1 codes or scripts ("zh", "han", "latin"). */
  languages?: string[];
  modalities?: ('image' | 'audio')[];
  minPromptTokens?: number;
  maxPromptTokens?: number;
  keywords?: string[];
  /** RE2-compatible pattern, checked safe at validation time. */
  pattern?: string;
  needsTools?: boolean;
  needsJsonSchema?: boolean;
}

export interface SemanticRule {
  name: string;
  when: SemanticRuleCondition;
  /** Target name to send matching requests to. */
  target: string;
}

export interface Intent {
  name: string;
  examples: string[];
  /** Minimum quality tier for this intent. */
  requiredTier: number;
  /** Restrict the intent to these targets. */
  targets?: string[];
}

export interface SemanticRouting {
  rules?: SemanticRule[];
  intents?: Intent[];
  /** Minimum classifier confidence, decimal string "0.0"-"1.0"; default "0.5". */
  minConfidence?: string;
  /** Target for requests that match no rule and no confident intent. */
  defaultTarget?: string;
  override?: { enabled: boolean; header?: string };
}

export interface FailoverPolicy {
  /** Target names tried in order after the chosen one. */
  chain: string[];
  /** On context-length errors, fail over to a target with a larger context window. */
  allowLargerContext?: boolean;
}

export interface RetryPolicy {
  maxAttempts?: number;
  baseBackoffMilliseconds?: number;
  maxBackoffMilliseconds?: number;
  /** Deadline for all attempts, backoff and failover until the first byte; default 30. */
  deadlineSeconds?: number;
  /** Retries at most this percent of recent requests; default 20. */
  budgetPercent?: number;
  /** Retries always allowed per second regardless of the budget; default 1. */
  minRetriesPerSecond?: number;
}

export interface DataClassPolicy {
  /** e.g. "phi", "pii", "eu-personal", "public". */
  name: string;
  allowedJurisdictions?: string[];
  requiredComplianceTags?: string[];
}

export interface DataPolicy {
  classes: DataClassPolicy[];
  /** Class for requests that name none; default "public". */
  defaultClass?: string;
  /** Header a client may set to declare its data class; absent means not allowed. */
  classHeader?: string;
  /** Class assigned when PII is detected in the prompt. */
  piiDetectedClass?: string;
}

export interface PiiPolicy {
  entities: { type: PiiEntityType; action: PiiAction }[];
  custom?: { name: string; pattern: string; action: PiiAction }[];
  /** Put the original values back into responses, streams included. */
  restoreInResponse?: boolean;
}

export interface LoggingPolicy {
  /** Per-field rules; field names such as "prompt", "response", "user", "header:x-user-id". */
  fields?: { field: string; action: 'keep' | 'strip' | 'hash' }[];
  /** Fraction of full request/response pairs kept for review, decimal string "0"-"1". */
  sampleRate?: string;
  sink?: 'stdout' | 'file';
  /** Secret holding the HMAC key for hashed fields. */
  hashKeySecretRef?: SecretKeyRef;
}

export interface ExperimentVariant {
  name: string;
  target: string;
  weight: number;
}

export interface Experiment {
  name: string;
  /** Intent the experiment applies to; every request of the route when omitted. */
  intent?: string;
  variants: ExperimentVariant[];
  sticky?: 'none' | 'user' | 'header';
  stickyHeader?: string;
  evaluator?: {
    type: 'expected-answer' | 'json-valid' | 'judge';
    expectContains?: string;
    judgeTarget?: string;
  };
}

export interface RouteTimeouts {
  firstByteMilliseconds?: number;
  idleMilliseconds?: number;
  totalMilliseconds?: number;
}

export interface ModelRouteSpec {
  /** Pods in the route's namespace it applies to; all when omitted. */
  workloadSelector?: LabelSelector;
  match: RouteMatch;
  targets: RouteTarget[];
  useCases?: UseCasePriority[];
  semantic?: SemanticRouting;
  failover?: FailoverPolicy;
  retry?: RetryPolicy;
  timeouts?: RouteTimeouts;
  dataPolicy?: DataPolicy;
  pii?: PiiPolicy;
  logging?: LoggingPolicy;
  experiments?: Experiment[];
}

export interface ModelRouteStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** Content hash of the config currently published for this route. */
  configVersion?: string;
  sidecars?: { synced: number; total: number };
  /** Printer column text, e.g. "7/8". */
  synced?: string;
  experiments?: {
    name: string;
    variants: { name: string; requests: number; errors: number; p50LatencyMilliseconds?: number; costPerRequest?: string; qualityScore?: string }[];
  }[];
}

export interface ModelRoute {
  apiVersion: typeof API_GROUP_VERSION;
  kind: 'ModelRoute';
  metadata: ObjectMeta;
  spec: ModelRouteSpec;
  status?: ModelRouteStatus;
}

// ---------------------------------------------------------------- BudgetPolicy

export interface BillingWindow {
  period: 'daily' | 'monthly';
  /** Day of month the monthly cycle starts, 1-28; default 1. */
  anchorDay?: number;
}

export interface BudgetScope {
  /** Pod label whose value names the team, e.g. "team". */
  teamLabel?: string;
  team?: string;
  featureLabel?: string;
  feature?: string;
  /** Requests carrying this header (and value, when given). */
  header?: { name: string; value?: string };
  /** ModelRoutes the budget covers; all routes in the namespace when omitted. */
  routes?: string[];
}

export interface BudgetThreshold {
  percent: number;
  action: 'alert' | 'downgrade' | 'reject';
}

export interface BudgetPolicySpec {
  scope: BudgetScope;
  window: BillingWindow;
  /** USD decimal. */
  limit: string;
  /** Largest predicted cost allowed for one request, USD decimal. */
  maxRequestCost?: string;
  /** What happens when a request would exceed the limit or maxRequestCost; default reject. */
  onExceed?: 'reject' | 'downgrade';
  thresholds?: BudgetThreshold[];
}

export interface BudgetPolicyStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** USD decimal spent in the current window. */
  spent?: string;
  /** Copy of spec.limit for the printer column. */
  limit?: string;
  /** Current window, e.g. "2026-11" or "2026-11-28". */
  window?: string;
  windowStart?: string;
}

export interface BudgetPolicy {
  apiVersion: typeof API_GROUP_VERSION;
  kind: 'BudgetPolicy';
  metadata: ObjectMeta;
  spec: BudgetPolicySpec;
  status?: BudgetPolicyStatus;
}

export type SwitchyardResource = ProviderPool | ModelRoute | BudgetPolicy;
