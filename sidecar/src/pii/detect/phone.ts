import type { Span } from '../entities.js';
import { hasPhoneContext, isLabelledIdentifier, isLabelledVersion } from '../context.js';
import { digitsOf, groupLengths, hasUniformSeparator, isDateLike, type NumberWindow } from './number-window.js';
import { isSsnShaped } from './us-ssn.js';

// Numbering plans, loosely: E.164 caps a number at 15 digits after the country code's "+" (or
// the "00" international prefix); NANP is NPA-NXX-XXXX with N in 2-9; European national numbers
// start with the trunk prefix 0 and run 8-13 digits (DE, FR, GB, IT, NL, BE, AT, CH); Spanish and
// Polish numbers have no trunk prefix and are 9 digits grouped 3-3-3 or 3-2-2-2. Digits
// followed by a currency are an amount whatever their grouping.

const EXTENSION = /^[ \u00A0]*(?:x|ext\.?|extension|poste|durchwahl|#)[ \u00A0]*\d{1,6}(?![\w])/i;

function isInternational(window: NumberWindow): boolean {
  const [first = ''] = window.groups;
  const plus = window.prefix.includes('+');
  if (!plus && !(first.startsWith('00') && window.groups.length > 1)) return false;
  // "+44 (0)20 …": the bracketed trunk 0 is dialled only from inside the country.
  const trunk = window.groups.findIndex((group, k) => k > 0 && group === '0' && (window.seps[k - 1] ?? '').endsWith('('));
  const digits = digitsOf(window).length - (plus ? 0 : 2) - (trunk >= 0 ? 1 : 0);
  return digits >= 8 && digits <= 15 && first.length <= (plus ? 15 : 6);
}

function isNanp(window: NumberWindow): boolean {
  const shape = groupLengths(window).join(',');
  const groups = window.prefix === '' && shape === '1,3,3,4' && window.groups[0] === '1' ? window.groups.slice(1) : window.groups;
  if (groups.map((group) => group.length).join(',') !== '3,3,4') return false;
  const [area = '', exchange = ''] = groups;
  return /^[2-9]/.test(area) && /^[2-9]/.test(exchange);
}

function isNationalTrunk(window: NumberWindow): boolean {
  const digits = digitsOf(window);
  if (!digits.startsWith('0') || (digits.startsWith('00') && window.groups.length === 1)) return false;
  if (window.groups.length === 1) return digits.length === 10 || digits.length === 11;
  return digits.length >= 8 && digits.length <= 13 && window.groups.every((group) => group.length >= 2);
}

function isNineDigitNational(window: NumberWindow): boolean {
  const shape = groupLengths(window).join(',');
  if (shape !== '3,3,3' && shape !== '3,2,2,2') return false;
  return /^[2-9]/.test(window.groups[0] ?? '') && hasUniformSeparator(window, ' -.\u00A0');
}

function isContextualNumber(window: NumberWindow): boolean {
  if (window.groups.length > 5) return false;
  const length = digitsOf(window).length;
  return length >= 7 && length <= 15 && hasPhoneContext(window.text, window.start);
}

const CURRENCY_AFTER = /^[ \u00A0]?(?:€|\$|£|¥|eur|usd|gbp|chf|euros?|dollars?)/i;

function isDottedQuad(window: NumberWindow): boolean {
  return window.groups.length === 4 && window.seps.every((sep) => sep === '.') && window.groups.every((group) => group.length <= 3);
}

/** Dates, versions and amounts that a phone rule would otherwise accept. */
function isOtherNumber(window: NumberWindow): boolean {
  const leading = { ...window, groups: window.groups.slice(0, 3), seps: window.seps.slice(0, 2), digits: window.groups.slice(0, 3).join('') };
  if (isDateLike(leading)) return true;
  // "030/1234567" is a phone number; "12/05/2024 10" and "3/4/5" are not.
  if (window.seps.some((sep) => sep.includes('/')) && window.groups.length > 2) return true;
  // ddd-dd-dddd is an SSN (valid or not); a dotted quad is an address (valid or not).
  if (isSsnShaped(window) || isDottedQuad(window)) return true;
  // Dotted runs with one-digit groups are versions and outline numbers (7.9.16.1487, 1.2.3).
  if (window.seps.some((sep) => sep.includes('.')) && window.groups.some((group) => group.length === 1)) return true;
  return CURRENCY_AFTER.test(window.text.slice(window.end, window.end + 8)) || isLabelledVersion(window.text, window.start);
}

export function confirmPhone(window: NumberWindow): Span | undefined {
  const plausible = isInternational(window) || isNanp(window) || isNationalTrunk(window)
    || isNineDigitNational(window) || isContextualNumber(window);
  if (!plausible || isOtherNumber(window) || isLabelledIdentifier(window.text, window.start)) return undefined;
  const extension = window.followedBy === '' ? EXTENSION.exec(window.text.slice(window.end, window.end + 24)) : null;
  return { kind: 'phone', start: window.start, end: window.end + (extension?.[0].length ?? 0) };
}
