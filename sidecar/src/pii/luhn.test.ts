import { describe, expect, it } from '@jest/globals';
import { passesLuhn } from './luhn.js';

describe('passesLuhn', () => {
  it.each([
    ['a Visa test number passes', '4111111111111111', true],
    ['an Amex test number passes', '378282246310005', true],
    ['a Diners test number passes', '30569309025904', true],
    ['a UATP/AirPlus number passes', '122000000000003', true],
    ['a number with its last digit changed fails', '4012888888881882', false],
    ['the empty string fails', '', false],
    ['a string with a non-digit fails', '4111-1111', false],
  ])('%s', (_name, digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});
