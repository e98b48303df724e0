// One served request's usage: the unit sidecars report, the operator applies and stores, and
// the export writes (one JSON line or CSV row each; schema in docs/adr/0011-budgets.md).
// Money is integer micro-USD. Labels are bounded values from config, never prompts or user ids.

export interface BudgetCharge {
  /** BudgetPolicy name. */
  readonly budget: string;
  /** The budget's window the cost counts in, e.g. "2026-11". */
  readonly window: string;
}

export interface UsageRecord {
  /** Unique: `<source>/<n>`. */
  readonly id: string;
  /** ISO time the response finished. */
  readonly time: string;
  /** Calendar month (UTC) of `time`: the billing cycle the export files it under. */
  readonly cycle: string;
  readonly namespace: string;
  /** `<namespace>/<pod>`, or "standalone". */
  readonly pod: string;
  readonly requestId: string;
  readonly route: string;
  readonly useCase: string;
  readonly target: string;
  /** Adapter name: openai, azure-openai, anthropic, gemini, deepseek, … */
  readonly provider: string;
  /** `<pool>/<endpoint>`. */
  readonly endpoint: string;
  readonly model: string;
  readonly commitment: 'pay-as-you-go' | 'reserved' | 'prepaid';
  readonly team: string;
  readonly feature: string;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly cacheWriteTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  /** The cost oracle's prediction before sending (what was reserved). */
  readonly predictedMicroUsd: number;
  /** From the provider's usage, or estimated when it reported none. */
  readonly costMicroUsd: number;
  /** The provider reported no usage: tokens were counted by the gateway. */
  readonly estimated: boolean;
  readonly budgets: readonly BudgetCharge[];
}

const TEXT_FIELDS = ['id', 'time', 'cycle', 'namespace', 'pod', 'requestId', 'route', 'useCase', 'target', 'provider', 'endpoint', 'model', 'team', 'feature'] as const;
const COUNT_FIELDS = ['inputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'outputTokens', 'reasoningTokens', 'predictedMicroUsd', 'costMicroUsd'] as const;
const COMMITMENTS = new Set(['pay-as-you-go', 'reserved', 'prepaid']);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isText = (value: unknown, max = 512): value is string => typeof value === 'string' && value.length <= max;

function chargesOf(value: unknown): BudgetCharge[] | undefined {
  if (!Array.isArray(value) || value.length > 256) return undefined;
  const charges: BudgetCharge[] = [];
  for (const item of value as unknown[]) {
    const charge = item as { budget?: unknown; window?: unknown } | null;
    if (typeof charge !== 'object' || charge === null || !isText(charge.budget, 253) || !isText(charge.window, 32)) return undefined;
    charges.push({ budget: charge.budget, window: charge.window });
  }
  return charges;
}

/** A record from the wire, or undefined when any field is missing or malformed. */
export function parseUsageRecord(value: unknown): UsageRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  if (!TEXT_FIELDS.every((field) => isText(raw[field]))) return undefined;
  if (!COUNT_FIELDS.every((field) => isCount(raw[field]))) return undefined;
  if (typeof raw['estimated'] !== 'boolean' || !COMMITMENTS.has(raw['commitment'] as string)) return undefined;
  const budgets = chargesOf(raw['budgets']);
  if (budgets === undefined) return undefined;
  const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, raw[field] as string])) as Record<(typeof TEXT_FIELDS)[number], string>;
  const counts = Object.fromEntries(COUNT_FIELDS.map((field) => [field, raw[field] as number])) as Record<(typeof COUNT_FIELDS)[number], number>;
  return { ...text, ...counts, estimated: raw['estimated'], commitment: raw['commitment'] as UsageRecord['commitment'], budgets };
}
