import type { Span } from '../entities.js';
import { passesLuhn } from '../luhn.js';
import { isLabelledIdentifier } from '../context.js';
import { digitsOf, groupLengths, hasUniformSeparator, type NumberWindow } from './number-window.js';

/** Printed groupings: 4-4-4-4(-…), Amex 4-6-5, Diners 4-6-4, or no separators at all. */
function hasCardGrouping(window: NumberWindow): boolean {
  const lengths = groupLengths(window);
  if (lengths.length === 1) return true;
  if (!hasUniformSeparator(window, ' -.\u00A0')) return false;
  const shape = lengths.join(',');
  if (shape === '4,6,5' || shape === '4,6,4') return true;
  const last = lengths[lengths.length - 1] ?? 0;
  return lengths.length >= 3 && lengths.slice(0, -1).every((length) => length === 4) && last >= 1 && last <= 4;
}

// Issuer ranges: 2 (Mastercard 2-series), 3 (Amex, Diners, JCB), 4 (Visa), 5 (Mastercard,
// Maestro), 6 (Discover, Maestro, UnionPay); 1 only for 15-digit UATP. Other leading digits are
// ids and epoch-millisecond timestamps.
function hasIssuerPrefix(digits: string): boolean {
  const first = digits[0] ?? '';
  return ('23456'.includes(first) && first !== '') || (first === '1' && digits.length === 15);
}

/** Printed like a card number, valid or not: such a window is never read as anything else. */
export function isCardShaped(window: NumberWindow): boolean {
  const length = digitsOf(window).length;
  return window.prefix === '' && length >= 13 && length <= 19 && hasCardGrouping(window);
}

export function confirmCard(window: NumberWindow): Span | undefined {
  if (!isCardShaped(window)) return undefined;
  const digits = digitsOf(window);
  if (!hasIssuerPrefix(digits) || !passesLuhn(digits)) return undefined;
  if (isLabelledIdentifier(window.text, window.start)) return undefined;
  return { kind: 'credit-card', start: window.start, end: window.end };
}
