// Trains the intent classifier from the example utterances a ModelRoute declares: multinomial
// logistic regression by SGD over the hashed features, classes weighted to balance, then int8
// quantisation. Pure and deterministic (seeded order, no clock, no Math.random, int32 hashing),
// because compile() runs it and the config's content hash must not move between runs.

import { createHash } from 'node:crypto';
import { DEFAULT_FEATURE_SPEC, FEATURIZER_ID, Featurizer, type FeatureSpec } from './features.js';
import { encodeWeights, type IntentModel } from './model.js';
import { seededRandom, shuffleInPlace } from './random.js';

export interface TrainingIntent {
  readonly name: string;
  readonly examples: readonly string[];
}

export interface TrainOptions {
  readonly features: FeatureSpec;
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty, applied to the weights an example touches. */
  readonly l2: number;
  readonly seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  features: DEFAULT_FEATURE_SPEC,
  epochs: 10,
  learningRate: 0.5,
  l2: 1e-4,
  seed: 0x5eed,
};

interface Sample {
  readonly label: number;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

const QUANT_LEVELS = 127;

function samplesOf(intents: readonly TrainingIntent[], featurizer: Featurizer): Sample[] {
  return intents.flatMap((intent, label) => intent.examples.map((example) => {
    const vector = featurizer.vectorOf(example);
    const indices = vector.indices.slice(0, vector.size);
    const values = new Float32Array(vector.size);
    for (let i = 0; i < vector.size; i++) values[i] = vector.values[indices[i]!]!;
    return { label, indices, values };
  }));
}

/** Full sha256 hex of the sorted intents and their examples. */
function trainingSetDigest(intents: readonly TrainingIntent[]): string {
  const hash = createHash('sha256');
  for (const intent of intents) {
    hash.update(`${intent.name}\u0000`);
    for (const example of intent.examples) hash.update(`${example}\u0000`);
    hash.update('\u0001');
  }
  return hash.digest('hex');
}

/**
 * The operator recompiles a namespace on every change, mostly with the same examples; training
 * is pure, so the last few models are kept by their training set and options. Callers get a copy.
 */
const MEMO_LIMIT = 16;
const memo = new Map<string, IntentModel>();

function copyOf(model: IntentModel): IntentModel {
  return { ...model, features: { ...model.features }, labels: [...model.labels], bias: [...model.bias], scale: [...model.scale] };
}

/** Empties the memo; for tests that must see training itself run twice. */
export function forgetTrainedModels(): void {
  memo.clear();
}

function remember(key: string, model: IntentModel): void {
  memo.set(key, model);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
}

/** Softmax of `scores` in place. */
function softmax(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k]! - max);
    sum += scores[k]!;
  }
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
}

function fit(samples: Sample[], classes: number, dimensions: number, options: TrainOptions): { weights: Float64Array; bias: Float64Array } {
  const weights = new Float64Array(dimensions * classes);
  const bias = new Float64Array(classes);
  const counts = new Float64Array(classes);
  for (const sample of samples) counts[sample.label]! += 1;
  const balance = Float64Array.from(counts, (count) => (count === 0 ? 0 : samples.length / (classes * count)));
  const order = [...samples];
  const random = seededRandom(options.seed);
  const scores = new Float64Array(classes);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const sample of order) {
      const rate = options.learningRate / (1 + step++ / samples.length);
      for (let k = 0; k < classes; k++) {
        let score = bias[k]!;
        for (let i = 0; i < sample.indices.length; i++) score += weights[sample.indices[i]! * classes + k]! * sample.values[i]!;
        scores[k] = score;
      }
      softmax(scores);
      const weight = balance[sample.label]!;
      for (let k = 0; k < classes; k++) {
        const gradient = weight * (scores[k]! - (k === sample.label ? 1 : 0));
        bias[k]! -= rate * gradient;
        for (let i = 0; i < sample.indices.length; i++) {
          const at = sample.indices[i]! * classes + k;
          weights[at] = weights[at]! * (1 - rate * options.l2) - rate * gradient * sample.values[i]!;
        }
      }
    }
  }
  return { weights, bias };
}

/** Rounds to 9 significant digits so the model's JSON, hence the config hash, is stable. */
function stable(value: number): number {
  return Number(value.toPrecision(9));
}

function quantize(weights: Float64Array, classes: number): { bytes: Int8Array; scale: number[] } {
  const scale = Array.from({ length: classes }, (_, k) => {
    let max = 0;
    for (let at = k; at < weights.length; at += classes) max = Math.max(max, Math.abs(weights[at]!));
    return max === 0 ? 1 : stable(max / QUANT_LEVELS);
  });
  const bytes = new Int8Array(weights.length);
  for (let at = 0; at < weights.length; at++) bytes[at] = Math.round(weights[at]! / scale[at % classes]!);
  return { bytes, scale };
}

/** Weight bytes stay at 2^15 × 4 (128 KiB) or less: more intents get fewer buckets each. */
const WEIGHT_BYTE_BUDGET = (1 << 15) * 4;
const MIN_BITS = 10;

export function defaultOptionsFor(intentCount: number): TrainOptions {
  let bits = DEFAULT_FEATURE_SPEC.bits;
  while (bits > MIN_BITS && (1 << bits) * intentCount > WEIGHT_BYTE_BUDGET) bits -= 1;
  return { ...DEFAULT_TRAIN_OPTIONS, features: { ...DEFAULT_FEATURE_SPEC, bits } };
}

/**
 * Trains a model from each intent's examples; intents are taken in name order. Without options,
 * up to 4 intents get 2^15 buckets and more intents proportionally fewer (defaultOptionsFor).
 *
 * @example
 * const model = trainIntentModel([
 *   { name: 'code', examples: ['Write a Python function that…'] },
 *   { name: 'triage', examples: ['Which team handles refunds?'] },
 * ]);
 */
export function trainIntentModel(intents: readonly TrainingIntent[], options: TrainOptions = defaultOptionsFor(intents.length)): IntentModel {
  const sorted = [...intents].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const digest = trainingSetDigest(sorted);
  const { features, epochs, learningRate, l2, seed } = options;
  const key = JSON.stringify([digest, features.bits, features.maxChars, features.charMin, features.charMax, epochs, learningRate, l2, seed]);
  const known = memo.get(key);
  if (known !== undefined) return copyOf(known);
  const featurizer = new Featurizer(options.features);
  const dimensions = 1 << options.features.bits;
  const { weights, bias } = fit(samplesOf(sorted, featurizer), sorted.length, dimensions, options);
  const { bytes, scale } = quantize(weights, sorted.length);
  const model: IntentModel = {
    features: { id: FEATURIZER_ID, ...options.features },
    labels: sorted.map((intent) => intent.name),
    bias: Array.from(bias, stable),
    scale,
    weights: encodeWeights(bytes),
    trainedOn: `sha256:${digest.slice(0, 16)}`,
  };
  remember(key, model);
  return copyOf(model);
}
