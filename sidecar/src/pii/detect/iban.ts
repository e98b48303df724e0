import type { Span } from '../entities.js';
import { ibanLength, isValidIban } from '../iban.js';
import { HAS_DIGIT, type Candidate, type ShapeDetector } from './shape.js';

// Compact, or printed in groups of four (the ISO 13616 paper format) separated by spaces or dashes.
const CANDIDATE = String.raw`[A-Za-z]{2}[0-9]{2}(?:[A-Za-z0-9]{8,30}|(?:[ \-][A-Za-z0-9]{4}){2,7}(?:[ \-][A-Za-z0-9]{1,4})?)`;

function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9]/.test(char);
}

/**
 * The candidate may run into the next word ("BE68 5390 0754 7034 from"): the country fixes the
 * length, so exactly that many characters are taken, and they must end where a group ends.
 */
function confirmIban(text: string, start: number, end: number): Span[] {
  const length = ibanLength(text.slice(start, start + 2));
  if (length === undefined) return [];
  let compact = '';
  let position = start;
  for (; position < end && compact.length < length; position += 1) {
    const char = text[position];
    if (isAlphanumeric(char)) compact += char;
  }
  if (compact.length < length || isAlphanumeric(text[position])) return [];
  return isValidIban(compact) ? [{ kind: 'iban', start, end: position }] : [];
}

// The short start pattern is what runs at every word; the full shape only where it matched.
const START = /(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}/g;
const SHAPE = new RegExp(CANDIDATE, 'y');

function findIbans(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  START.lastIndex = 0;
  for (let start = START.exec(text); start !== null; start = START.exec(text)) {
    SHAPE.lastIndex = start.index;
    const shape = SHAPE.exec(text);
    if (shape === null) continue;
    candidates.push({ start: start.index, end: start.index + shape[0].length });
    START.lastIndex = start.index + shape[0].length;
  }
  return candidates;
}

export const ibanDetector: ShapeDetector = {
  name: 'iban',
  mayOccur: (text) => HAS_DIGIT.test(text),
  find: findIbans,
  confirm: confirmIban,
};
