// The trained intent classifier as it travels inside the sidecar config: a linear model over the
// hashed features of features.ts. Weights are int8, one scale per intent, base64 in feature-major
// order (the K weights of one bucket sit together, so scoring reads memory in one pass).
//
// score_k = bias_k + scale_k × Σ_f q[f·K + k] · x_f;  confidence = softmax(score)_k

import { FEATURIZER_ID, type FeatureSpec } from './features.js';

export interface IntentModel {
  features: { id: typeof FEATURIZER_ID } & FeatureSpec;
  /** Intent names, sorted; index k of bias, scale and weights. */
  labels: string[];
  bias: number[];
  scale: number[];
  /** base64 of Int8Array(2^bits × labels.length). */
  weights: string;
  /** `sha256:<16 hex>` of the training examples: which examples this model learnt from. */
  trainedOn: string;
}

/** Weights as the scorer uses them. */
export interface DecodedWeights {
  readonly labels: readonly string[];
  readonly bias: Float64Array;
  readonly scale: Float64Array;
  readonly weights: Int8Array;
}

export function encodeWeights(weights: Int8Array): string {
  return Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).toString('base64');
}

/** Throws when the model does not fit its own shape (a config that passed the schema does). */
export function decodeWeights(model: IntentModel): DecodedWeights {
  if (model.features.id !== FEATURIZER_ID) throw new Error(`unknown featurizer ${model.features.id}`);
  const bytes = Buffer.from(model.weights, 'base64');
  const expected = (1 << model.features.bits) * model.labels.length;
  if (bytes.length !== expected) throw new Error(`intent model has ${bytes.length} weights, expected ${expected}`);
  if (model.bias.length !== model.labels.length || model.scale.length !== model.labels.length) {
    throw new Error('intent model bias/scale do not match its labels');
  }
  return {
    labels: model.labels,
    bias: Float64Array.from(model.bias),
    scale: Float64Array.from(model.scale),
    weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length),
  };
}
