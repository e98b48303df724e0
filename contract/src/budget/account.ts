// The operator's ledger of one budget (or one endpoint's reserved quota) for its current window.
// Pure: every function returns a new state, which the operator persists with optimistic
// concurrency before it acts on it (acks usage, sends a grant). Spend and grants are counted per
// source (one sidecar process), so the state says exactly what each may still spend:
//
//   committed = Σ_source max(granted, applied)    remaining = cap − committed
//
// A grant never makes committed exceed the cap, so sidecars that spend only what they reserved
// from their grants can never, together, spend more than the cap (docs/adr/0011-budgets.md).
import type { BillingWindowSpan } from './window.js';

export interface SourceEntry {
  /** Highest usage frame sequence number applied from this source; frames at or below it are repeats. */
  readonly seq: number;
  /** Allowance granted to this source in the current window, cumulative. */
  readonly granted: number;
  /** Cost this source reported in the current window, cumulative. */
  readonly applied: number;
  /** The last window this source reported or was granted in (idle sources are forgotten after one). */
  readonly window: string;
}

export interface AccountState {
  readonly window: string;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  /** Applied spend in the current window: Σ applied over sources, plus charges of sources forgotten meanwhile. */
  readonly spentMicroUsd: number;
  readonly sources: Readonly<Record<string, SourceEntry>>;
  /** The window before, with what was applied to it (late reports still land there). */
  readonly previous: { readonly window: string; readonly spentMicroUsd: number } | null;
  /** Threshold percents already announced in this window. */
  readonly alerted: readonly number[];
}

/** One record's charge to this account. */
export interface Charge {
  readonly window: string;
  readonly costMicroUsd: number;
}

export function openAccount(span: BillingWindowSpan): AccountState {
  return { window: span.id, windowStartMs: span.startMs, windowEndMs: span.endMs, spentMicroUsd: 0, sources: {}, previous: null, alerted: [] };
}

/** Moves the account into `span` when it is a later window; the same state otherwise. */
export function rollAccount(state: AccountState, span: BillingWindowSpan): AccountState {
  if (span.id === state.window || span.startMs < state.windowStartMs) return state;
  const sources: Record<string, SourceEntry> = {};
  for (const [source, entry] of Object.entries(state.sources)) {
    // A source silent for a whole window has no unacknowledged frames left to resend.
    if (entry.window === state.window) sources[source] = { seq: entry.seq, granted: 0, applied: 0, window: entry.window };
  }
  return {
    window: span.id, windowStartMs: span.startMs, windowEndMs: span.endMs, spentMicroUsd: 0, sources,
    previous: { window: state.window, spentMicroUsd: state.spentMicroUsd }, alerted: [],
  };
}

export function committedOf(state: AccountState): number {
  let committed = state.spentMicroUsd;
  for (const entry of Object.values(state.sources)) committed += Math.max(0, entry.granted - entry.applied);
  return committed;
}

export function remainingOf(state: AccountState, capMicroUsd: number): number {
  return Math.max(0, capMicroUsd - committedOf(state));
}

function entryOf(state: AccountState, source: string): SourceEntry {
  return state.sources[source] ?? { seq: 0, granted: 0, applied: 0, window: state.window };
}

/**
 * Applies one usage frame of a source. A frame at or below the source's applied sequence number
 * is a repeat (a resend after a lost ack) and changes nothing.
 */
export function applyUsage(state: AccountState, source: string, seq: number, charges: readonly Charge[]): { state: AccountState; applied: boolean } {
  const entry = entryOf(state, source);
  if (seq <= entry.seq) return { state, applied: false };
  const current = charges.filter((charge) => charge.window === state.window).reduce((sum, charge) => sum + charge.costMicroUsd, 0);
  const late = state.previous === null ? 0
    : charges.filter((charge) => charge.window === state.previous?.window).reduce((sum, charge) => sum + charge.costMicroUsd, 0);
  const next: SourceEntry = { seq, granted: entry.granted, applied: entry.applied + current, window: state.window };
  return {
    state: {
      ...state,
      spentMicroUsd: state.spentMicroUsd + current,
      sources: { ...state.sources, [source]: next },
      previous: state.previous === null ? null : { ...state.previous, spentMicroUsd: state.previous.spentMicroUsd + late },
    },
    applied: true,
  };
}

export interface AllowanceAsk {
  /** What the source needs now for requests waiting on it. */
  readonly need: number;
  /** What it would like on top, so later requests need no round trip. */
  readonly extra: number;
}

/**
 * Grants a source what it needs, up to what remains under the cap, plus a share of the extra it
 * asks for that shrinks as the budget runs out (so the last of it is not stranded on one
 * sidecar). Returns the source's cumulative grant.
 */
export function grantAllowance(state: AccountState, source: string, ask: AllowanceAsk, capMicroUsd: number): { state: AccountState; granted: number; added: number } {
  const entry = entryOf(state, source);
  const remaining = remainingOf(state, capMicroUsd);
  const need = Math.min(Math.max(0, Math.floor(ask.need)), remaining);
  const sharers = Math.max(1, Object.keys(state.sources).length + (state.sources[source] === undefined ? 1 : 0));
  const extra = Math.min(Math.max(0, Math.floor(ask.extra)), Math.floor((remaining - need) / (2 * sharers)));
  const added = need + extra;
  if (added === 0) return { state, granted: entry.granted, added: 0 };
  // Spend reported beyond the grant already counts as committed; the new grant starts above it.
  const granted = Math.max(entry.granted, entry.applied) + added;
  const next: SourceEntry = { ...entry, granted, window: state.window };
  return { state: { ...state, sources: { ...state.sources, [source]: next } }, granted, added };
}

/** Thresholds (percent of the limit) the applied spend has reached that were not announced yet. */
export function newlyCrossed(state: AccountState, limitMicroUsd: number, percents: readonly number[]): number[] {
  return percents.filter((percent) => !state.alerted.includes(percent) && state.spentMicroUsd * 100 >= percent * limitMicroUsd);
}

export function markAlerted(state: AccountState, percents: readonly number[]): AccountState {
  return percents.length === 0 ? state : { ...state, alerted: [...new Set([...state.alerted, ...percents])].sort((a, b) => a - b) };
}

/**
 * What may be granted in a window: the limit, or less when a reject threshold is set (a
 * threshold `{ percent: 90, action: reject }` stops spending at 90 % of the limit).
 */
export function grantCapOf(limitMicroUsd: number, thresholds: readonly { percent: number; action: string }[]): number {
  const rejectAt = thresholds.filter((threshold) => threshold.action === 'reject').map((threshold) => threshold.percent);
  const percent = Math.min(100, ...rejectAt);
  return Math.floor((limitMicroUsd * percent) / 100);
}

/** A downgrade threshold the applied spend has reached: requests go to the cheapest eligible target. */
export function downgradeActive(state: AccountState, limitMicroUsd: number, thresholds: readonly { percent: number; action: string }[]): boolean {
  return thresholds.some((threshold) => threshold.action === 'downgrade' && state.spentMicroUsd * 100 >= threshold.percent * limitMicroUsd);
}
