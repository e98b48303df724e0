// The sidecar half of the intent classifier: scores a text with the weights the operator trained
// (contract/src/classifier). Built once per config; per request it allocates nothing but the
// small result object.

import { decodeWeights, Featurizer, type DecodedWeights, type IntentModel } from '@switchyard/contract';

export interface IntentScore {
  readonly intent: string;
  /** Softmax probability of the intent, 0-1. */
  readonly confidence: number;
}

export class IntentScorer {
  private readonly featurizer: Featurizer;
  private readonly decoded: DecodedWeights;
  private readonly scores: Float64Array;

  /** Throws when the model does not fit its own shape. */
  constructor(model: IntentModel) {
    this.decoded = decodeWeights(model);
    const { id: _id, ...spec } = model.features;
    this.featurizer = new Featurizer(spec);
    this.scores = new Float64Array(model.labels.length);
  }

  /**
   * @example scorer.score('Write a function that reverses a string') // { intent: 'code', confidence: 0.97 }
   */
  score(text: string): IntentScore {
    const vector = this.featurizer.vectorOf(text);
    const { weights, bias, scale, labels } = this.decoded;
    const classes = labels.length;
    const scores = this.scores;
    for (let k = 0; k < classes; k++) scores[k] = 0;
    for (let i = 0; i < vector.size; i++) {
      const feature = vector.indices[i]!;
      const value = vector.values[feature]!;
      const row = feature * classes;
      for (let k = 0; k < classes; k++) scores[k]! += weights[row + k]! * value;
    }
    let best = 0;
    for (let k = 0; k < classes; k++) {
      scores[k] = bias[k]! + scale[k]! * scores[k]!;
      if (scores[k]! > scores[best]!) best = k;
    }
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(scores[k]! - scores[best]!);
    return { intent: labels[best]!, confidence: 1 / sum };
  }
}
