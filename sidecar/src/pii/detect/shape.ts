import type { Span } from '../entities.js';

/** Where a detector's shape occurs in a text, before validation. */
export interface Candidate {
  readonly start: number;
  readonly end: number;
}

/**
 * One detector family. `find` lists candidates, each anchored on the family's rarest character
 * (`@` for e-mail, `:` for IPv6, a digit for numbers and IBANs, a vendor prefix for secrets);
 * `confirm` turns one into zero or more validated spans. Candidates are maximal tokens of their
 * shape, so a rejected one is skipped as a whole.
 */
export interface ShapeDetector {
  readonly name: string;
  /** Cheap test on the whole text: false means `find` would return nothing. */
  readonly mayOccur: (text: string) => boolean;
  readonly find: (text: string) => Candidate[];
  readonly confirm: (text: string, start: number, end: number) => readonly Span[];
}

/** Letters and digits as token characters, Latin-1 and Latin Extended letters included. */
export const WORD = String.raw`\w\u00C0-\u024F`;

/** Every match of a global pattern as a candidate. */
export function findAll(pattern: RegExp, text: string): Candidate[] {
  const candidates: Candidate[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    candidates.push({ start: match.index, end: match.index + match[0].length });
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
  return candidates;
}

export const HAS_DIGIT = /[0-9]/;
