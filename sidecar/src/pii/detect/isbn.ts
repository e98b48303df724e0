import { digitsOf, type NumberWindow } from './number-window.js';

function isbn13Checks(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 13; i += 1) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

function isbn10Checks(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) sum += Number(digits[i]) * (10 - i);
  return sum % 11 === 0;
}

/** A grouped ISBN (978 0 01 164616 9, 0-306-40615-2): book numbers, never a phone number. */
export function isIsbnShaped(window: NumberWindow): boolean {
  if (window.prefix !== '' || window.groups.length < 3 || !window.seps.every((sep) => sep === '-' || sep === ' ')) return false;
  const digits = digitsOf(window);
  if (digits.length === 13) return /^97[89]/.test(digits) && isbn13Checks(digits);
  return digits.length === 10 && isbn10Checks(digits);
}
