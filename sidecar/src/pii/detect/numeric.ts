import type { Span } from '../entities.js';
import { confirmCard, isCardShaped } from './card.js';
import { isIsbnShaped } from './isbn.js';
import { confirmIpv4 } from './ipv4.js';
import { isLoose, type NumberWindow } from './number-window.js';
import { confirmPhone } from './phone.js';
import { findAll, HAS_DIGIT, WORD, type ShapeDetector } from './shape.js';
import { confirmSsn, isSsnShaped } from './us-ssn.js';

// Longest first within a window size; card before SSN before phone because their shapes are
// stricter (a Luhn-valid 4-4-4-4 run is never read as a phone number).
const WINDOW_DETECTORS = [confirmIpv4, confirmCard, confirmSsn, confirmPhone] as const;

/** Enough for "+33 1 23 45 67 89" and "4111 1111 1111 1111 111"; bounds the work per run. */
const MAX_GROUPS = 6;

/** No detector takes more than 19 digits, or fewer than 7 unless it is a dotted quad. */
function worthTrying(run: Run, first: number, last: number, digits: number): boolean {
  if (digits > 19) return false;
  if (digits >= 7) return true;
  return last - first === 3 && run.seps.slice(first, last).every((sep) => sep === '.');
}

// Greedy and unambiguous (separators and digits are disjoint): one linear pass finds every run.
const RUN = /(?:\+[ \u00A0]?|\(\+?)?[0-9]+(?:[ \u00A0\u202F.\-\/()]{1,3}[0-9]+)*/g;

// A run glued to a word, an amount ($, €, £) or a longer number (1,234 / 12/25 / 10:30 / 1.5)
// cannot start a window at its first group; one glued to a word or "@" cannot end at its last.
const GLUED_BEFORE = new RegExp(`[${WORD}+\\-@$€£¥]$|[0-9][.,/:]$`);
const GLUED_AFTER = new RegExp(`^[${WORD}@]`);

interface Run {
  /** The first group may open a window: nothing glues the run to what is before it. */
  readonly openStart: boolean;
  readonly openEnd: boolean;
  readonly prefix: string;
  readonly groups: readonly string[];
  readonly starts: readonly number[];
  readonly seps: readonly string[];
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function parseRun(text: string, start: number, end: number): Run {
  const groups: string[] = [];
  const starts: number[] = [];
  const seps: string[] = [];
  let at = start;
  while (at < end && !isDigit(text.charCodeAt(at))) at += 1;
  const prefix = text.slice(start, at);
  while (at < end) {
    const groupStart = at;
    while (at < end && isDigit(text.charCodeAt(at))) at += 1;
    groups.push(text.slice(groupStart, at));
    starts.push(groupStart);
    const sepStart = at;
    while (at < end && !isDigit(text.charCodeAt(at))) at += 1;
    if (at < end) seps.push(text.slice(sepStart, at));
  }
  return {
    openStart: !GLUED_BEFORE.test(text.slice(Math.max(0, start - 2), start)),
    openEnd: !GLUED_AFTER.test(text.slice(end, end + 1)),
    prefix,
    groups,
    starts,
    seps,
  };
}

function windowOf(text: string, run: Run, runStart: number, first: number, last: number): NumberWindow {
  const before = run.seps[first - 1] ?? '';
  const opensWithBracket = first > 0 && before.endsWith('(');
  const groupStart = run.starts[first] ?? 0;
  return {
    text,
    start: first === 0 ? runStart : groupStart - (opensWithBracket ? 1 : 0),
    end: (run.starts[last] ?? 0) + (run.groups[last]?.length ?? 0),
    prefix: first === 0 ? run.prefix : opensWithBracket ? '(' : '',
    groups: run.groups.slice(first, last + 1),
    digits: run.groups.slice(first, last + 1).join(''),
    seps: run.seps.slice(first, last),
    followedBy: run.seps[last] ?? '',
  };
}

function canStartAt(run: Run, first: number): boolean {
  const before = run.seps[first - 1];
  return before === undefined ? run.openStart : isLoose(before) || before.endsWith('(');
}

function canEndAt(run: Run, last: number): boolean {
  const after = run.seps[last];
  return after === undefined ? run.openEnd : isLoose(after) || after === '/';
}

/** Shapes that, when they fail validation, are still that kind of number and not a shorter one. */
function isClaimedShape(window: NumberWindow): boolean {
  return isCardShaped(window) || isSsnShaped(window) || isIsbnShaped(window);
}

function confirmWindow(window: NumberWindow): Span | undefined {
  for (const detect of WINDOW_DETECTORS) {
    // Only a dotted quad may end right before "/": CIDR suffixes (10.0.0.0/8).
    if (window.followedBy === '/' && detect !== confirmIpv4) continue;
    const span = detect(window);
    if (span !== undefined) return span;
  }
  return undefined;
}

function confirmRun(text: string, start: number, end: number): Span[] {
  const run = parseRun(text, start, end);
  const digitsBefore = [0];
  for (const group of run.groups) digitsBefore.push((digitsBefore[digitsBefore.length - 1] ?? 0) + group.length);
  const spans: Span[] = [];
  for (let first = 0; first < run.groups.length; first += 1) {
    if (!canStartAt(run, first)) continue;
    for (let last = Math.min(run.groups.length, first + MAX_GROUPS) - 1; last >= first; last -= 1) {
      const digits = (digitsBefore[last + 1] ?? 0) - (digitsBefore[first] ?? 0);
      if (!worthTrying(run, first, last, digits) || !canEndAt(run, last)) continue;
      const window = windowOf(text, run, start, first, last);
      const span = confirmWindow(window);
      if (span !== undefined) spans.push(span);
      if (span === undefined && !isClaimedShape(window)) continue;
      first = last;
      break;
    }
  }
  return spans;
}

export const numericDetector: ShapeDetector = {
  name: 'number',
  mayOccur: (text) => HAS_DIGIT.test(text),
  // Runs shorter than "1.2.3.4" hold nothing (years, counts, prices): dropped before any parsing.
  find: (text) => findAll(RUN, text).filter((run) => run.end - run.start >= 7),
  confirm: confirmRun,
};
