import { describe, expect, it } from '@jest/globals';
import { lazyValidator } from '../schema/ajv.js';
import { canonicalJson } from '../version.js';
import { DEFAULT_FEATURE_SPEC, Featurizer } from './features.js';
import { decodeWeights, type IntentModel } from './model.js';
import { intentModelSchema } from './schema.js';
import { DEFAULT_TRAIN_OPTIONS, forgetTrainedModels, trainIntentModel, type TrainingIntent } from './train.js';

const INTENTS: TrainingIntent[] = [
  { name: 'triage', examples: [
    'Which team should handle my refund request?', 'How do I reset my password?', 'Cancel my subscription please',
    'Is this email spam or a real customer?', 'What are your opening hours?', 'My card was declined, why?',
    'Label this ticket as billing, bug or feature request', 'Where is my parcel?',
  ] },
  { name: 'reasoning', examples: [
    'Tom has 12 apples and gives away 5. How many are left? Show your steps.', 'Prove that the square root of 2 is irrational.',
    'A train travels 120 km in 2 hours. What is its average speed?', 'Solve 2x + 3 = 11 for x.',
    'If 3 workers take 6 days, how long do 9 workers take?', 'What is the probability of two heads in two coin flips?',
    'Find the sum of the first 100 positive integers.', 'A shirt costs $20 after a 20% discount. What was the price?',
  ] },
  { name: 'code', examples: [
    'Write a Python function that reverses a string.', 'Implement binary search in JavaScript.',
    'Write a SQL query that counts orders per customer.', 'Fix this function: def add(a, b): return a - b',
    'Write a function to check if a number is prime.', 'Create a TypeScript interface for a user.',
    'Write a bash script that renames every .txt file.', 'Write a function that merges two sorted lists.',
  ] },
];

/** Scores a text as the sidecar does, from the decoded weights. */
function classify(model: IntentModel, text: string): string {
  const { labels, bias, scale, weights } = decodeWeights(model);
  const { id: _id, ...spec } = model.features;
  const vector = new Featurizer(spec).vectorOf(text);
  const scores = labels.map((_label, k) => {
    let sum = 0;
    for (let i = 0; i < vector.size; i++) {
      const feature = vector.indices[i]!;
      sum += weights[feature * labels.length + k]! * vector.values[feature]!;
    }
    return bias[k]! + scale[k]! * sum;
  });
  return labels[scores.indexOf(Math.max(...scores))]!;
}

describe('trainIntentModel', () => {
  const model = trainIntentModel(INTENTS);

  it('gives byte-identical models when trained again, whatever the order of intents', () => {
    forgetTrainedModels();
    expect(canonicalJson(trainIntentModel([...INTENTS].reverse()))).toBe(canonicalJson(model));
  });

  it('names the training set it learnt from and changes with it', () => {
    const edited = INTENTS.map((intent) => ({ ...intent, examples: [...intent.examples, 'one more'] }));
    expect(model.trainedOn).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(trainIntentModel(edited).trainedOn).not.toBe(model.trainedOn);
  });

  it('lists labels sorted, with one bias and scale each', () => {
    expect(model.labels).toEqual(['code', 'reasoning', 'triage']);
    expect(model.bias).toHaveLength(3);
    expect(model.scale).toHaveLength(3);
  });

  it('matches its JSON Schema fragment', () => {
    const validate = lazyValidator(intentModelSchema)();
    expect(validate(model)).toBe(true);
  });

  it('takes 2^bits × intents bytes of weights', () => {
    expect(decodeWeights(model).weights).toHaveLength((1 << DEFAULT_FEATURE_SPEC.bits) * 3);
  });

  it.each([
    ['a support question', 'How can I change the address on my order?', 'triage'],
    ['a word problem', 'Sara buys 4 pens at $3 each and pays with $20. How much change does she get?', 'reasoning'],
    ['a request for a program', 'Write a Python function that counts the vowels in a string.', 'code'],
  ])('classifies %s it never saw', (_sentence, text, expected) => {
    expect(classify(model, text)).toBe(expected);
  });

  it('keeps the weights within 128 KiB when a route declares many intents', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `intent-${i}`, examples: [`example number ${i}`, `another ${i}`] }));
    const trained = trainIntentModel(many);
    expect(trained.features.bits).toBe(13);
    expect(decodeWeights(trained).weights.length).toBeLessThanOrEqual(128 * 1024);
  });

  it('hands out copies, so changing one model leaves the next call untouched', () => {
    const first = trainIntentModel(INTENTS);
    first.bias[0] = 99;
    first.labels.push('extra');
    expect(trainIntentModel(INTENTS)).toEqual(model);
  });

  it('trains with fewer epochs when asked, still deterministically', () => {
    const options = { ...DEFAULT_TRAIN_OPTIONS, epochs: 2 };
    const once = canonicalJson(trainIntentModel(INTENTS, options));
    forgetTrainedModels();
    expect(canonicalJson(trainIntentModel(INTENTS, options))).toBe(once);
    expect(once).not.toBe(canonicalJson(model));
  });
});
