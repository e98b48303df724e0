// @switchyard/contract: what operator and sidecar share. CRD types, the pure compile, the sidecar
// config (types, JSON Schema, validator) and its content-hash version. No I/O, no Kubernetes client.
export * from './api/types.js';

export type * from './config/types.js';
export { CONFIG_SCHEMA_VERSION } from './config/types.js';
export { sidecarConfigSchema } from './config/schema.js';
export { validateSidecarConfig, type ConfigValidation } from './config/validate.js';
export { canonicalJson, computeConfigVersion, withConfigVersion } from './version.js';
export { formatMicroUsd, MONEY_PATTERN, parseMicroUsd, parseUnitInterval, UNIT_INTERVAL_PATTERN } from './decimal.js';

export {
  decodeWeights, DEFAULT_FEATURE_SPEC, DEFAULT_TRAIN_OPTIONS, defaultOptionsFor, FEATURIZER_ID, FeatureVector, Featurizer, intentModelSchema,
  trainIntentModel, type DecodedWeights, type FeatureSpec, type IntentModel, type TrainingIntent, type TrainOptions,
} from './classifier/index.js';

export { compile } from './compile/compile.js';
export type {
  CompileInput, CompileResult, ConditionType, Finding, ResourceCondition, ResourceKind, ResourceStatus,
} from './compile/types.js';
export { REASON_CONDITION, TRUE_REASON, type FindingReason } from './compile/reasons.js';
export { checkPattern, type PatternCheck } from './compile/pattern/check.js';

export { validateResource, isResourceKind, RESOURCE_KINDS, type ResourceValidation } from './resources/validate.js';
export { providerPoolSchema } from './resources/schema-pool.js';
export { modelRouteSchema } from './resources/schema-route.js';
export { budgetPolicySchema } from './resources/schema-budget.js';

export { parseResources, type ParsedResources, type ParseError } from './yaml/parse.js';
export { secretKeysOf, type ParsedSecret } from './yaml/secrets.js';

export {
  encodeFrame, parseOperatorFrame, parseSidecarFrame, type AllowanceFrame, type OperatorFrame, type QuotaFrame, type SidecarFrame, type SnapshotFrame,
} from './channel/frames.js';
export * from './budget/index.js';
export * from './usage/index.js';
export {
  emptyVariantFigures, EXPERIMENT_LATENCY_BOUNDS_MS, MAX_VARIANT_STATS, parseVariantStats, QUALITY_SCALE, type VariantFigures, type VariantStats,
} from './channel/experiment-stats.js';
export {
  ENDPOINT_HEALTH_STATES, MAX_HEALTH_REPORTS, parseHealthReports, type EndpointHealthReport, type EndpointHealthState,
} from './channel/endpoint-health.js';
