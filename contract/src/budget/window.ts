// Billing windows in UTC. A daily window starts at 00:00; a monthly one at 00:00 on its anchor
// day (1-28, so every month has it). A window's id names the day or month it starts in; the
// operator, the sidecars and the export all derive it from the same instant the same way.
import type { BillingWindowConfig } from '../config/types.js';

export interface BillingWindowSpan {
  /** "2026-11-28" (daily) or "2026-11" (monthly: the month the window starts in). */
  readonly id: string;
  readonly startMs: number;
  /** Exclusive. */
  readonly endMs: number;
}

const pad = (value: number): string => String(value).padStart(2, '0');

function dailySpan(now: Date): BillingWindowSpan {
  const startMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(startMs);
  return { id: `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-${pad(start.getUTCDate())}`, startMs, endMs: startMs + 86_400_000 };
}

function monthlySpan(now: Date, anchorDay: number): BillingWindowSpan {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - (now.getUTCDate() < anchorDay ? 1 : 0);
  const startMs = Date.UTC(year, month, anchorDay);
  const start = new Date(startMs);
  return { id: `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}`, startMs, endMs: Date.UTC(year, month + 1, anchorDay) };
}

/**
 * The window that contains `nowMs`.
 *
 * @example
 * windowAt({ period: 'monthly', anchorDay: 15 }, Date.parse('2026-11-03T10:00:00Z')).id // "2026-10"
 * windowAt({ period: 'daily' }, Date.parse('2026-11-03T10:00:00Z')).id                  // "2026-11-03"
 */
export function windowAt(window: BillingWindowConfig, nowMs: number): BillingWindowSpan {
  const now = new Date(nowMs);
  return window.period === 'daily' ? dailySpan(now) : monthlySpan(now, window.anchorDay);
}

/** The calendar month (UTC) usage records are exported by, e.g. "2026-11". */
export function billingCycleAt(nowMs: number): string {
  return windowAt({ period: 'monthly', anchorDay: 1 }, nowMs).id;
}
