// Schema pieces shared by the three resource schemas. The bounds here are the contract's; the
// CRD YAML in crds/ should carry the same maxItems/maxLength so the API server rejects first.
import { MONEY_PATTERN, UNIT_INTERVAL_PATTERN } from '../decimal.js';
import type { BillingWindow, LabelSelector, SecretKeyRef } from '../api/types.js';
import { closedObject, integer, list, oneOfStrings, pattern, text, type Schema } from '../schema/closed-object.js';
import { BILLING_PERIODS, SELECTOR_OPERATORS } from '../schema/enums.js';

export const LIMITS = {
  name: 253,
  /** Model names and aliases: provider ids such as "Qwen/Qwen2.5-7B-Instruct" run longer than DNS names. */
  model: 256,
  label: 63,
  /** A label key: DNS prefix (253) + "/" + name (63). */
  labelKey: 317,
  shortText: 256,
  longText: 4096,
  url: 2048,
  pattern: 1024,
  /** Items in any list of a spec unless stated otherwise. */
  items: 64,
  examples: 256,
  endpoints: 32,
  models: 64,
  tokens: 100_000_000,
  milliseconds: 86_400_000,
  seconds: 86_400,
} as const;

export const name = text(LIMITS.name);
export const modelName = text(LIMITS.model);
export const labelKey = text(LIMITS.labelKey);
export const shortText = text(LIMITS.shortText);
export const longText = text(LIMITS.longText);
export const money = pattern(MONEY_PATTERN, 16);
export const unitInterval = pattern(UNIT_INTERVAL_PATTERN, 8);
export const headerName = pattern("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", LIMITS.shortText);
export const milliseconds = integer(1, LIMITS.milliseconds);
export const tier = integer(1, 5);
export const names = list(name, LIMITS.items);

/** Lists keyed by name; duplicate names are reported by compile with the offending name. */
export function items(item: Schema, maxItems: number = LIMITS.items, minItems = 0): Schema {
  return list(item, maxItems, minItems);
}

export const secretKeyRef = closedObject<SecretKeyRef>({ name, key: text(LIMITS.name) }, { key: true });

export const billingWindow = closedObject<BillingWindow>(
  { period: oneOfStrings(BILLING_PERIODS), anchorDay: integer(1, 28) }, { anchorDay: true });

const labelMap: Schema = {
  type: 'object',
  maxProperties: LIMITS.items,
  propertyNames: { maxLength: LIMITS.labelKey },
  additionalProperties: text(LIMITS.label, 0),
};

type MatchExpression = NonNullable<LabelSelector['matchExpressions']>[number];

export const labelSelector = closedObject<LabelSelector>({
  matchLabels: labelMap,
  matchExpressions: items(closedObject<MatchExpression>({
    key: labelKey, operator: oneOfStrings(SELECTOR_OPERATORS), values: items(text(LIMITS.label, 0)),
  }, { values: true })),
}, { matchLabels: true, matchExpressions: true });

const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** Open: kubectl output carries fields (managedFields, ownerReferences) the contract ignores. */
export const objectMeta: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: pattern(DNS_SUBDOMAIN, LIMITS.name),
    namespace: pattern(DNS_LABEL, LIMITS.label),
    generation: { type: 'integer' },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    labels: labelMap,
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    creationTimestamp: { type: 'string' },
  },
};

/** Status is written by the operator; input documents may carry any. */
export const anyStatus: Schema = { type: 'object' };
