import { describe, expect, it } from '@jest/globals';
import { trainIntentModel, type IntentModel } from '@switchyard/contract';
import { IntentScorer } from './intent.js';

const MODEL = trainIntentModel([
  { name: 'code', examples: ['Write a Python function that sorts a list.', 'Implement a stack in Java.', 'Fix this bug in my JavaScript loop.'] },
  { name: 'triage', examples: ['Where is my parcel?', 'How do I reset my password?', 'Which team handles refunds?'] },
]);

describe('IntentScorer', () => {
  const scorer = new IntentScorer(MODEL);

  it('names the likelier intent with a probability above one half', () => {
    const score = scorer.score('Write a Go function that reverses a slice.');
    expect(score.intent).toBe('code');
    expect(score.confidence).toBeGreaterThan(0.5);
    expect(score.confidence).toBeLessThanOrEqual(1);
  });

  it('scores a text the same however many texts came before', () => {
    const first = scorer.score('How do I change my delivery address?');
    scorer.score('Implement quicksort in Rust with generics and tests.');
    expect(scorer.score('How do I change my delivery address?')).toEqual(first);
  });

  it.each<[string, IntentModel]>([
    ['an unknown featuriser', { ...MODEL, features: { ...MODEL.features, id: 'other' as 'hashed-ngrams-v1' } }],
    ['weights that do not fit the buckets', { ...MODEL, weights: MODEL.weights.slice(0, 64) }],
    ['a bias per intent missing', { ...MODEL, bias: [0] }],
  ])('refuses a model with %s', (_sentence, model) => {
    expect(() => new IntentScorer(model)).toThrow();
  });
});
