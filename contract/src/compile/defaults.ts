// Every default compile fills in, in one place.
import type { ProviderFlavor, ProviderType } from '../api/types.js';
import type { BillingWindowConfig, HealthConfig, RetryConfig, Timeouts } from '../config/types.js';

/**
 * Per-provider timeouts, chosen for tail latency rather than the median:
 * - connect 5 s: TLS to a public API; 1 s for inCluster endpoints (no WAN, no TLS to far regions).
 * - firstByte 60 s: streamed time-to-first-token stays under a few seconds at the median but
 *   reaches tens of seconds at p99.9 for long prompts or under provider queueing; reasoning models
 *   that think before streaming need a route override.
 * - idle 30 s: Anthropic sends `ping` events and OpenAI/Gemini/Azure stream steadily once started,
 *   so 30 s of silence mid-stream means a stalled connection.
 * - total 600 s: the official OpenAI and Anthropic SDKs time out a request at 10 minutes.
 * Self-hosted flavors (vLLM, Ollama) get 120 s to first byte because a cold model load happens on
 * the first request; DeepSeek queues requests under load while holding the connection open with
 * keep-alive lines, so it gets 120 s to first byte and 60 s idle.
 */
const CLOUD: Timeouts = { connectMs: 5_000, firstByteMs: 60_000, idleMs: 30_000, totalMs: 600_000 };

export const PROVIDER_TIMEOUTS: Readonly<Record<ProviderType, Timeouts>> = {
  'openai': CLOUD,
  'azure-openai': CLOUD,
  'anthropic': CLOUD,
  'gemini': CLOUD,
  'openai-compatible': CLOUD,
};

export const FLAVOR_TIMEOUTS: Readonly<Partial<Record<ProviderFlavor, Partial<Timeouts>>>> = {
  vllm: { firstByteMs: 120_000 },
  ollama: { firstByteMs: 120_000 },
  deepseek: { firstByteMs: 120_000, idleMs: 60_000 },
};

export const IN_CLUSTER_CONNECT_MS = 1_000;

/** Envoy's outlier-detection defaults: 5 consecutive failures, 30 s base, 300 s cap. */
export const DEFAULT_HEALTH: HealthConfig = { consecutiveFailures: 5, baseEjectionMs: 30_000, maxEjectionMs: 300_000 };

export const DEFAULT_RETRY: RetryConfig = {
  maxAttempts: 3,
  baseBackoffMs: 250,
  maxBackoffMs: 8_000,
  deadlineMs: 30_000,
  budgetPercent: 20,
  minRetriesPerSecond: 1,
};

export const DEFAULT_USE_CASE_HEADER = 'x-switchyard-use-case';
export const DEFAULT_OVERRIDE_HEADER = 'x-switchyard-target';
export const DEFAULT_MIN_CONFIDENCE = 0.5;
export const DEFAULT_QUALITY_TIER = 3;
export const DEFAULT_CANARY_INTERVAL_MS = 60_000;
export const DEFAULT_SECRET_KEY = 'apiKey';
export const DEFAULT_DATA_CLASS = 'public';
export const DEFAULT_FLAVOR: ProviderFlavor = 'generic';
export const DEFAULT_BILLING_CYCLE: BillingWindowConfig = { period: 'monthly', anchorDay: 1 };
/** Prompts and responses are never logged unless a route says so. */
export const DEFAULT_LOGGED_FIELDS = [
  { field: 'prompt', action: 'strip' },
  { field: 'response', action: 'strip' },
] as const;
