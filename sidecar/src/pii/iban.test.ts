import { describe, expect, it } from '@jest/globals';
import { ibanLength, isValidIban } from './iban.js';

describe('isValidIban', () => {
  it.each([
    ['a German IBAN passes', 'DE89370400440532013000', true],
    ['a British IBAN passes', 'GB82WEST12345698765432', true],
    ['a Belgian IBAN (16 characters) passes', 'BE68539007547034', true],
    ['a Maltese IBAN (31 characters, letters in the BBAN) passes', 'MT84MALT011000012345MTLCAST001S', true],
    ['lower case passes', 'de89370400440532013000', true],
    ['a wrong check digit fails', 'DE89370400440532013001', false],
    ['a length that is not the country length fails', 'DE8937040044053201300', false],
    ['a country without IBANs fails', 'US89370400440532013000', false],
    ['spaces are not stripped here (the detector does that)', 'DE89 3704 0044 0532 0130 00', false],
  ])('%s', (_name, iban, expected) => {
    expect(isValidIban(iban)).toBe(expected);
  });

  it('knows each country length regardless of case', () => {
    expect([ibanLength('NO'), ibanLength('lc'), ibanLength('ZZ')]).toEqual([15, 32, undefined]);
  });
});
