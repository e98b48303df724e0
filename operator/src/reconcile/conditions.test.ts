import { describe, expect, it } from '@jest/globals';
import { mergeConditions, transitionsOf } from './conditions.js';

const earlier = new Date('2026-11-28T10:00:00Z');
const later = new Date('2026-11-28T11:00:00Z');

describe('mergeConditions', () => {
  it.each([
    ['keeps lastTransitionTime when only the message changes', 'True', 'True', '2026-11-28T10:00:00Z'],
    ['moves lastTransitionTime when the status flips', 'True', 'False', '2026-11-28T11:00:00Z'],
  ])('%s', (_name, before, after, expected) => {
    const previous = mergeConditions(undefined, [{ type: 'Ready', status: before as 'True', reason: 'A', message: 'one' }], 1, earlier);
    const next = mergeConditions(previous, [{ type: 'Ready', status: after as 'True', reason: 'A', message: 'two' }], 2, later);
    expect(next[0]).toMatchObject({ lastTransitionTime: expected, observedGeneration: 2 });
  });
});

describe('transitionsOf', () => {
  it('reports a changed reason while False, and a new condition only when it is not True', () => {
    const previous = mergeConditions(undefined, [{ type: 'Ready', status: 'False', reason: 'PoolNotFound', message: '' }], 1, earlier);
    const next = mergeConditions(previous, [
      { type: 'Ready', status: 'False', reason: 'ModelNotFound', message: '' },
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' },
    ], 1, later);
    expect(transitionsOf(previous, next).map((t) => t.reason)).toEqual(['ModelNotFound']);
  });
});
