import { describe, expect, it } from '@jest/globals';
import type { LabelSelector } from '../api/types.js';
import { matchesSelector, selectorsMayOverlap } from './selector.js';

const labels = { app: 'web', tier: 'frontend' };

describe('matchesSelector', () => {
  it.each<[string, LabelSelector | undefined, boolean]>([
    ['an absent selector selects every pod', undefined, true],
    ['matching labels select', { matchLabels: { app: 'web' } }, true],
    ['a different value does not', { matchLabels: { app: 'batch' } }, false],
    ['In with the value selects', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['edge', 'frontend'] }] }, true],
    ['NotIn with the value does not', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, false],
    ['NotIn on a missing label selects', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists on a missing label does not', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, false],
    ['DoesNotExist on a missing label selects', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    ['labels and expressions must all hold', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
  ])('%s', (_sentence, selector, expected) => {
    expect(matchesSelector(selector, labels)).toBe(expected);
  });
});

describe('selectorsMayOverlap', () => {
  it.each<[string, LabelSelector | undefined, LabelSelector | undefined, boolean]>([
    ['an absent selector overlaps everything', undefined, { matchLabels: { app: 'web' } }, true],
    ['different values of one label are disjoint', { matchLabels: { app: 'web' } }, { matchLabels: { app: 'batch' } }, false],
    ['different labels may overlap', { matchLabels: { app: 'web' } }, { matchLabels: { team: 'a' } }, true],
    ['In sets that share a value overlap', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] },
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'c'] }] }, true],
    ['a value excluded by NotIn is disjoint', { matchLabels: { app: 'web' } }, { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['Exists and DoesNotExist are disjoint', { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
  ])('%s', (_sentence, a, b, expected) => {
    expect(selectorsMayOverlap(a, b)).toBe(expected);
    expect(selectorsMayOverlap(b, a)).toBe(expected);
  });
});
