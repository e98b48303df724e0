import type { Span } from '../entities.js';

/**
 * One detector family inside the scanner's combined pattern. `source` is one alternative of that
 * pattern (it must define the named group `name` around the whole candidate and use only its
 * own `<name>…>` inner groups); `confirm` turns a candidate into zero or more validated spans.
 * Candidates are maximal tokens of their shape, so a rejected one is skipped as a whole.
 */
export interface ShapeDetector {
  readonly name: string;
  readonly source: string;
  readonly confirm: (text: string, start: number, end: number) => readonly Span[];
}

/** Letters and digits as token characters, Latin-1 and Latin Extended letters included. */
export const WORD = String.raw`\w\u00C0-\u024F`;

/**
 * Matches `body` atomically (JS has no atomic groups; a lookahead never backtracks into itself):
 * the candidate is the longest match or nothing, which keeps every alternative linear.
 */
export function atomic(name: string, body: string): string {
  return `(?=(?<${name}Atom>${body}))\\k<${name}Atom>`;
}
