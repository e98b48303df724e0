import { describe, expect, it } from '@jest/globals';
import { billingCycleAt, windowAt } from './window.js';

const at = (iso: string): number => Date.parse(iso);

describe('billing windows (UTC)', () => {
  it.each([
    ['a daily window is the UTC day', { period: 'daily' as const }, '2026-11-28T23:59:59.999Z', '2026-11-28', '2026-11-28T00:00:00.000Z', '2026-11-29T00:00:00.000Z'],
    ['a daily window rolls over at midnight UTC', { period: 'daily' as const }, '2026-11-29T00:00:00.000Z', '2026-11-29', '2026-11-29T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ['a monthly window starts on day 1 by default', { period: 'monthly' as const, anchorDay: 1 }, '2026-11-28T10:00:00Z', '2026-11', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['before the anchor day the window began last month', { period: 'monthly' as const, anchorDay: 15 }, '2026-11-03T10:00:00Z', '2026-10', '2026-10-15T00:00:00.000Z', '2026-11-15T00:00:00.000Z'],
    ['on the anchor day a new window begins', { period: 'monthly' as const, anchorDay: 15 }, '2026-11-15T00:00:00Z', '2026-11', '2026-11-15T00:00:00.000Z', '2026-12-15T00:00:00.000Z'],
    ['a January window before its anchor began in December of the year before', { period: 'monthly' as const, anchorDay: 28 }, '2027-01-10T00:00:00Z', '2026-12', '2026-12-28T00:00:00.000Z', '2027-01-28T00:00:00.000Z'],
  ])('%s', (_name, window, now, id, start, end) => {
    const span = windowAt(window, at(now));
    expect(span.id).toBe(id);
    expect(new Date(span.startMs).toISOString()).toBe(start);
    expect(new Date(span.endMs).toISOString()).toBe(end);
  });

  it('files usage under the calendar month', () => {
    expect(billingCycleAt(at('2026-12-31T23:59:59Z'))).toBe('2026-12');
  });
});
