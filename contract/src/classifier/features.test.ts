import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FEATURE_SPEC, Featurizer } from './features.js';
import { normalizeInto } from './normalize.js';

function normalized(text: string, maxChars = 1000): string {
  const buffer = new Uint16Array(maxChars + 3);
  return String.fromCharCode(...buffer.subarray(0, normalizeInto(text, maxChars, buffer)));
}

function featureSet(featurizer: Featurizer, text: string): Set<number> {
  const vector = featurizer.vectorOf(text);
  return new Set(vector.indices.subarray(0, vector.size));
}

describe('normalizeInto', () => {
  it.each([
    ['folds case and collapses whitespace', 'Add  THIS\n\tnow', ' add this now '],
    ['folds every number to one zero', 'What is 17% of 240?', ' what is 0% of 0? '],
    ['keeps non-Latin text as it is', 'Привет 你好', ' Привет 你好 '],
    ['turns an empty text into one space', '', ' '],
  ])('%s', (_sentence, text, expected) => {
    expect(normalized(text)).toBe(expected);
  });

  it('keeps the head and the tail of a long text', () => {
    const text = `${'a'.repeat(50)}${'m'.repeat(1000)}${'z'.repeat(50)}`;
    const out = normalized(text, 100);
    expect(out.startsWith(` ${'a'.repeat(50)}`)).toBe(true);
    expect(out.endsWith(`${'z'.repeat(25)} `)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(103);
  });
});

describe('Featurizer', () => {
  const featurizer = new Featurizer(DEFAULT_FEATURE_SPEC);

  it('gives the same features for the same text, whatever came before', () => {
    const first = featureSet(featurizer, 'Write a function that reverses a list');
    featurizer.vectorOf('something else entirely, with 3 numbers 4 and 5');
    expect(featureSet(featurizer, 'Write a function that reverses a list')).toEqual(first);
  });

  it('returns an L2-normalised vector', () => {
    const vector = featurizer.vectorOf('How many apples are left if Tom eats 3 of 12?');
    let sum = 0;
    for (let i = 0; i < vector.size; i++) sum += vector.values[vector.indices[i]!]! ** 2;
    expect(sum).toBeCloseTo(1, 5);
  });

  it('treats texts that differ only in case and numbers alike', () => {
    expect(featureSet(featurizer, 'Tom has 12 apples')).toEqual(featureSet(featurizer, 'tom has 7 APPLES'));
  });

  it('leaves every bucket it touched clean for the next text', () => {
    featurizer.vectorOf('a long text with many words and numbers 1 2 3 4 5 6 7');
    const vector = featurizer.vectorOf('hi');
    const nonZero = vector.values.reduce((count, value) => count + (value === 0 ? 0 : 1), 0);
    expect(nonZero).toBe(vector.size);
  });

  it('reads a megabyte text in bounded work', () => {
    const vector = featurizer.vectorOf('word '.repeat(200_000));
    expect(vector.size).toBeLessThan(DEFAULT_FEATURE_SPEC.maxChars * 6);
  });
});
