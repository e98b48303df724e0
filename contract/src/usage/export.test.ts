import { describe, expect, it } from '@jest/globals';
import { CSV_COLUMNS, formatUsage, totalsByTeamAndFeature } from './export.js';
import { parseUsageRecord, type UsageRecord } from './record.js';

const base: UsageRecord = {
  id: 'ns/web-0/abc/1', time: '2026-11-28T10:00:00.000Z', cycle: '2026-11', namespace: 'ns', pod: 'ns/web-0', requestId: 'r1',
  route: 'chat', useCase: '', target: 'mini', provider: 'openai', endpoint: 'pool/oai', model: 'gpt-4o-mini', commitment: 'pay-as-you-go',
  team: 'search', feature: 'chat', inputTokens: 100, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 20, reasoningTokens: 0,
  predictedMicroUsd: 40, costMicroUsd: 27, estimated: false, budgets: [{ budget: 'team', window: '2026-11' }],
};

describe('the usage export', () => {
  it('writes JSON lines that parse back to the same records', () => {
    const text = formatUsage([base], 'jsonl');
    expect(parseUsageRecord(JSON.parse(text.trim()))).toEqual(base);
  });

  it('writes CSV with the documented columns, quoting where needed', () => {
    const quirky = { ...base, id: 'x', feature: 'a,"b"', budgets: [{ budget: 'b1', window: 'w' }, { budget: 'b2', window: 'w' }] };
    const [header, row] = formatUsage([quirky], 'csv').trim().split('\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(row).toContain('"a,""b"""');
    expect(row!.endsWith(',false,b1@w;b2@w')).toBe(true);
  });

  it('totals per team and feature add up to the records', () => {
    const records = [base, { ...base, id: '2', costMicroUsd: 13 }, { ...base, id: '3', feature: 'summarize', costMicroUsd: 5 }];
    expect(totalsByTeamAndFeature(records)).toEqual([
      { team: 'search', feature: 'chat', requests: 2, inputTokens: 200, outputTokens: 40, costMicroUsd: 40 },
      { team: 'search', feature: 'summarize', requests: 1, inputTokens: 100, outputTokens: 20, costMicroUsd: 5 },
    ]);
  });

  it.each([
    ['a negative cost', { costMicroUsd: -1 }],
    ['a fractional token count', { inputTokens: 1.5 }],
    ['an unknown commitment', { commitment: 'free' }],
    ['a budget charge without a window', { budgets: [{ budget: 'b' }] }],
  ])('refuses a record with %s', (_name, change) => {
    expect(parseUsageRecord({ ...base, ...change })).toBeUndefined();
  });
});
