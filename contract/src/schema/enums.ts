// Runtime lists of the string unions in api/types.ts, for the schemas. `exhaustive` makes a
// value added to a union without being added here a compile error.
import type {
  BudgetPolicySpec, BudgetThreshold, Commitment, Experiment, LoggingPolicy, PiiAction, PiiEntityType,
  ProviderFlavor, ProviderType, SemanticRuleCondition, BillingWindow,
} from '../api/types.js';

type Missing<T extends string, V extends readonly T[]> = [T] extends [V[number]] ? unknown : { missing: Exclude<T, V[number]> };

function exhaustive<T extends string>() {
  return <const V extends readonly T[]>(values: V & Missing<T, V>): V => values;
}

export const PROVIDER_TYPES = exhaustive<ProviderType>()(['openai', 'azure-openai', 'anthropic', 'gemini', 'openai-compatible']);
export const PROVIDER_FLAVORS = exhaustive<ProviderFlavor>()(['generic', 'deepseek', 'qwen', 'mistral', 'vllm', 'ollama']);
export const COMMITMENT_TYPES = exhaustive<Commitment['type']>()(['pay-as-you-go', 'reserved', 'prepaid']);
export const BILLING_PERIODS = exhaustive<BillingWindow['period']>()(['daily', 'monthly']);
export const PII_ENTITY_TYPES = exhaustive<PiiEntityType>()(['email', 'phone', 'credit-card', 'iban', 'us-ssn', 'ipv4', 'ipv6', 'secret']);
export const PII_ACTIONS = exhaustive<PiiAction>()(['redact', 'block', 'allow']);
export const MODALITIES = exhaustive<NonNullable<SemanticRuleCondition['modalities']>[number]>()(['image', 'audio']);
type LogField = NonNullable<LoggingPolicy['fields']>[number];
export const LOG_ACTIONS = exhaustive<LogField['action']>()(['keep', 'strip', 'hash']);
export const LOG_SINKS = exhaustive<NonNullable<LoggingPolicy['sink']>>()(['stdout', 'file']);
export const STICKY_MODES = exhaustive<NonNullable<Experiment['sticky']>>()(['none', 'user', 'header']);
export const EVALUATOR_TYPES = exhaustive<NonNullable<Experiment['evaluator']>['type']>()(['expected-answer', 'json-valid', 'judge']);
export const ON_EXCEED_ACTIONS = exhaustive<NonNullable<BudgetPolicySpec['onExceed']>>()(['reject', 'downgrade']);
export const THRESHOLD_ACTIONS = exhaustive<BudgetThreshold['action']>()(['alert', 'downgrade', 'reject']);
export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
