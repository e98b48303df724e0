export { DEFAULT_FEATURE_SPEC, FEATURIZER_ID, FeatureVector, Featurizer, type FeatureSpec } from './features.js';
export { decodeWeights, encodeWeights, type DecodedWeights, type IntentModel } from './model.js';
export { intentModelSchema, MAX_MODEL_BITS, MAX_MODEL_LABELS } from './schema.js';
export { DEFAULT_TRAIN_OPTIONS, defaultOptionsFor, trainIntentModel, type TrainingIntent, type TrainOptions } from './train.js';
