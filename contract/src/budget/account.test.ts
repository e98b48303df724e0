import { describe, expect, it } from '@jest/globals';
import {
  applyUsage, committedOf, downgradeActive, grantAllowance, grantCapOf, markAlerted, newlyCrossed, openAccount, remainingOf, rollAccount,
} from './account.js';

const NOVEMBER = { id: '2026-11', startMs: Date.UTC(2026, 10, 1), endMs: Date.UTC(2026, 11, 1) };
const DECEMBER = { id: '2026-12', startMs: Date.UTC(2026, 11, 1), endMs: Date.UTC(2027, 0, 1) };
const charge = (costMicroUsd: number, window = '2026-11') => [{ window, costMicroUsd }];

describe('the ledger account', () => {
  it('grants what a source needs, never past the cap', () => {
    const first = grantAllowance(openAccount(NOVEMBER), 'a', { need: 600, extra: 0 }, 1_000);
    const second = grantAllowance(first.state, 'b', { need: 600, extra: 0 }, 1_000);
    expect(first.granted).toBe(600);
    expect(second.added).toBe(400);
    expect(committedOf(second.state)).toBe(1_000);
    expect(remainingOf(second.state, 1_000)).toBe(0);
    expect(grantAllowance(second.state, 'a', { need: 1, extra: 0 }, 1_000).added).toBe(0);
  });

  it('shrinks the extra a source asks for as the budget runs out', () => {
    const roomy = grantAllowance(openAccount(NOVEMBER), 'a', { need: 10, extra: 100 }, 10_000);
    expect(roomy.added).toBe(110);
    const tight = grantAllowance(grantAllowance(openAccount(NOVEMBER), 'b', { need: 900, extra: 0 }, 1_000).state, 'a', { need: 10, extra: 100 }, 1_000);
    // (1,000 − 900 − 10) / (2 × 2 sources) = 22
    expect(tight.added).toBe(32);
  });

  it('applies a usage frame once, however often it is resent', () => {
    const once = applyUsage(openAccount(NOVEMBER), 'a', 1, charge(70)).state;
    const again = applyUsage(once, 'a', 1, charge(70));
    expect(again.applied).toBe(false);
    expect(again.state.spentMicroUsd).toBe(70);
    expect(applyUsage(again.state, 'a', 2, charge(5)).state.spentMicroUsd).toBe(75);
  });

  it('counts spend beyond a grant as committed, and grants above it', () => {
    const granted = grantAllowance(openAccount(NOVEMBER), 'a', { need: 100, extra: 0 }, 1_000).state;
    const over = applyUsage(granted, 'a', 1, charge(130)).state;
    expect(committedOf(over)).toBe(130);
    expect(grantAllowance(over, 'a', { need: 50, extra: 0 }, 1_000).granted).toBe(180);
  });

  it('rolls into a new window at its anchor: spend and grants start over, sequence numbers stay', () => {
    const used = applyUsage(grantAllowance(openAccount(NOVEMBER), 'a', { need: 100, extra: 0 }, 1_000).state, 'a', 4, charge(90)).state;
    const rolled = rollAccount(used, DECEMBER);
    expect(rolled).toMatchObject({ window: '2026-12', spentMicroUsd: 0, previous: { window: '2026-11', spentMicroUsd: 90 } });
    expect(rolled.sources['a']).toEqual({ seq: 4, granted: 0, applied: 0, window: '2026-11' });
    expect(applyUsage(rolled, 'a', 4, charge(90, '2026-12')).applied).toBe(false);
    const late = applyUsage(rolled, 'a', 5, charge(10, '2026-11')).state;
    expect(late).toMatchObject({ spentMicroUsd: 0, previous: { spentMicroUsd: 100 } });
    expect(rollAccount(rolled, NOVEMBER)).toBe(rolled);
  });

  it('forgets a source silent for a whole window', () => {
    const idle = rollAccount(rollAccount(applyUsage(openAccount(NOVEMBER), 'a', 1, charge(1)).state, DECEMBER), { id: '2027-01', startMs: Date.UTC(2027, 0, 1), endMs: Date.UTC(2027, 1, 1) });
    expect(idle.sources['a']).toBeUndefined();
  });

  it.each([
    ['a reject threshold lowers the cap', [{ percent: 80, action: 'reject' }], 800],
    ['alert and downgrade thresholds leave it', [{ percent: 50, action: 'alert' }, { percent: 90, action: 'downgrade' }], 1_000],
    ['a threshold above 100 % does not raise it', [{ percent: 120, action: 'reject' }], 1_000],
  ])('%s', (_name, thresholds, cap) => {
    expect(grantCapOf(1_000, thresholds)).toBe(cap);
  });

  it('announces each crossed threshold once per window and says when to downgrade', () => {
    const spent = applyUsage(openAccount(NOVEMBER), 'a', 1, charge(600)).state;
    expect(newlyCrossed(spent, 1_000, [50, 90])).toEqual([50]);
    expect(newlyCrossed(markAlerted(spent, [50]), 1_000, [50, 90])).toEqual([]);
    expect(downgradeActive(spent, 1_000, [{ percent: 50, action: 'downgrade' }])).toBe(true);
    expect(downgradeActive(spent, 1_000, [{ percent: 70, action: 'downgrade' }])).toBe(false);
  });
});
