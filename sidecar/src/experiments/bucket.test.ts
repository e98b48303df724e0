import { describe, expect, it } from '@jest/globals';
import { stickyPoint, variantAt, type Variant } from './bucket.js';

const variants = (...weights: number[]): Variant[] => weights.map((weight, index) => ({ name: `v${index}`, target: `t${index}`, weight }));

function shares(list: readonly Variant[], keys: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < keys; i++) {
    const name = variantAt(list, stickyPoint('exp', `user-${i}`))?.name ?? 'none';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map([...counts].map(([name, count]) => [name, count / keys]));
}

describe('sticky bucketing', () => {
  it('gives a key the same point every time, in [0, 1)', () => {
    const point = stickyPoint('triage-haiku', 'user-42');
    expect(stickyPoint('triage-haiku', 'user-42')).toBe(point);
    expect(point).toBeGreaterThanOrEqual(0);
    expect(point).toBeLessThan(1);
  });

  it.each([
    ['90/10', [90, 10]],
    ['50/50', [50, 50]],
    ['three ways 20/30/50', [20, 30, 50]],
    ['relative weights 1:3', [1, 3]],
  ])('splits 20,000 keys by the weights %s within one percentage point', (_name, weights) => {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const got = shares(variants(...weights), 20_000);
    weights.forEach((weight, index) => expect(Math.abs((got.get(`v${index}`) ?? 0) - weight / total)).toBeLessThan(0.01));
  });

  it('never picks a variant of weight 0, and picks none when every weight is 0', () => {
    expect(shares(variants(0, 100, 0), 2_000).get('v1')).toBe(1);
    expect(variantAt(variants(0, 0), 0.3)).toBeUndefined();
  });

  it('places a user independently in each experiment (the name salts the hash)', () => {
    let same = 0;
    for (let i = 0; i < 2_000; i++) if ((stickyPoint('one', `u${i}`) < 0.5) === (stickyPoint('two', `u${i}`) < 0.5)) same += 1;
    expect(same / 2_000).toBeGreaterThan(0.45);
    expect(same / 2_000).toBeLessThan(0.55);
  });
});
