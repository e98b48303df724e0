// JSON Schema of ModelRoute, key for key with api/types.ts.
import { API_GROUP_VERSION } from '../api/types.js';
import type {
  DataClassPolicy, DataPolicy, Experiment, ExperimentVariant, FailoverPolicy, Intent, LoggingPolicy, ModelRoute,
  ModelRouteSpec, PiiPolicy, RetryPolicy, RouteMatch, RouteTarget, RouteTimeouts, SemanticRule, SemanticRouting,
  SemanticRuleCondition, UseCasePriority,
} from '../api/types.js';
import { boolean, closedObject, constant, integer, oneOfStrings, text } from '../schema/closed-object.js';
import {
  EVALUATOR_TYPES, LOG_ACTIONS, LOG_SINKS, MODALITIES, PII_ACTIONS, PII_ENTITY_TYPES, STICKY_MODES,
} from '../schema/enums.js';
import {
  anyStatus, headerName, items, labelSelector, LIMITS, longText, milliseconds, modelName, name, names, objectMeta, secretKeyRef,
  shortText, tier, unitInterval,
} from './common.js';

const regex = text(LIMITS.pattern);

const match = closedObject<RouteMatch>({
  models: items(modelName, LIMITS.items, 1),
  headers: items(closedObject<NonNullable<RouteMatch['headers']>[number]>({ name: headerName, value: text(1024, 0) }, {}), 16),
  useCaseHeader: headerName,
}, { headers: true, useCaseHeader: true });

const target = closedObject<RouteTarget>(
  { name, pool: name, endpoint: name, model: modelName, qualityTier: tier }, { endpoint: true, qualityTier: true });

const condition = closedObject<SemanticRuleCondition>({
  languages: items(text(16)),
  modalities: items(oneOfStrings(MODALITIES), MODALITIES.length),
  minPromptTokens: integer(0, LIMITS.tokens),
  maxPromptTokens: integer(0, LIMITS.tokens),
  keywords: items(shortText, LIMITS.examples),
  pattern: regex,
  needsTools: boolean,
  needsJsonSchema: boolean,
}, {
  languages: true, modalities: true, minPromptTokens: true, maxPromptTokens: true, keywords: true, pattern: true,
  needsTools: true, needsJsonSchema: true,
});

const semantic = closedObject<SemanticRouting>({
  rules: items(closedObject<SemanticRule>({ name, when: condition, target: name }, {})),
  intents: items(closedObject<Intent>({
    name, examples: items(longText, LIMITS.examples, 1), requiredTier: tier, targets: names,
  }, { targets: true })),
  minConfidence: unitInterval,
  defaultTarget: name,
  override: closedObject<NonNullable<SemanticRouting['override']>>({ enabled: boolean, header: headerName }, { header: true }),
}, { rules: true, intents: true, minConfidence: true, defaultTarget: true, override: true });

const retry = closedObject<RetryPolicy>({
  maxAttempts: integer(1, 10),
  baseBackoffMilliseconds: integer(1, 600_000),
  maxBackoffMilliseconds: integer(1, 600_000),
  deadlineSeconds: integer(1, 3600),
  budgetPercent: integer(0, 100),
  minRetriesPerSecond: integer(0, 10_000),
}, {
  maxAttempts: true, baseBackoffMilliseconds: true, maxBackoffMilliseconds: true, deadlineSeconds: true,
  budgetPercent: true, minRetriesPerSecond: true,
});

const dataPolicy = closedObject<DataPolicy>({
  classes: items(closedObject<DataClassPolicy>(
    { name, allowedJurisdictions: items(text(64)), requiredComplianceTags: names },
    { allowedJurisdictions: true, requiredComplianceTags: true }), LIMITS.items, 1),
  defaultClass: name,
  classHeader: headerName,
  piiDetectedClass: name,
}, { defaultClass: true, classHeader: true, piiDetectedClass: true });

const pii = closedObject<PiiPolicy>({
  entities: items(closedObject<PiiPolicy['entities'][number]>(
    { type: oneOfStrings(PII_ENTITY_TYPES), action: oneOfStrings(PII_ACTIONS) }, {}), PII_ENTITY_TYPES.length),
  custom: items(closedObject<NonNullable<PiiPolicy['custom']>[number]>(
    { name, pattern: regex, action: oneOfStrings(PII_ACTIONS) }, {})),
  restoreInResponse: boolean,
}, { custom: true, restoreInResponse: true });

const logging = closedObject<LoggingPolicy>({
  fields: items(closedObject<NonNullable<LoggingPolicy['fields']>[number]>(
    { field: shortText, action: oneOfStrings(LOG_ACTIONS) }, {})),
  sampleRate: unitInterval,
  sink: oneOfStrings(LOG_SINKS),
  hashKeySecretRef: secretKeyRef,
}, { fields: true, sampleRate: true, sink: true, hashKeySecretRef: true });

const experiment = closedObject<Experiment>({
  name,
  intent: name,
  variants: items(closedObject<ExperimentVariant>({ name, target: name, weight: integer(0, 1_000_000) }, {}), LIMITS.items, 1),
  sticky: oneOfStrings(STICKY_MODES),
  stickyHeader: headerName,
  evaluator: closedObject<NonNullable<Experiment['evaluator']>>(
    { type: oneOfStrings(EVALUATOR_TYPES), expectContains: text(1024), judgeTarget: name },
    { expectContains: true, judgeTarget: true }),
}, { intent: true, sticky: true, stickyHeader: true, evaluator: true });

const spec = closedObject<ModelRouteSpec>({
  workloadSelector: labelSelector,
  match,
  targets: items(target, LIMITS.items, 1),
  useCases: items(closedObject<UseCasePriority>({ name, targets: items(name, LIMITS.items, 1) }, {})),
  semantic,
  failover: closedObject<FailoverPolicy>({ chain: names, allowLargerContext: boolean }, { allowLargerContext: true }),
  retry,
  timeouts: closedObject<RouteTimeouts>(
    { firstByteMilliseconds: milliseconds, idleMilliseconds: milliseconds, totalMilliseconds: milliseconds },
    { firstByteMilliseconds: true, idleMilliseconds: true, totalMilliseconds: true }),
  dataPolicy,
  pii,
  logging,
  experiments: items(experiment),
}, {
  workloadSelector: true, useCases: true, semantic: true, failover: true, retry: true, timeouts: true, dataPolicy: true,
  pii: true, logging: true, experiments: true,
});

export const modelRouteSchema = closedObject<ModelRoute>({
  apiVersion: constant(API_GROUP_VERSION),
  kind: constant('ModelRoute'),
  metadata: objectMeta,
  spec,
  status: anyStatus,
}, { status: true });
