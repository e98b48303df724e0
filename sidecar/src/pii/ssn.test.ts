import { describe, expect, it } from '@jest/globals';
import { isValidSsn } from './ssn.js';

describe('isValidSsn', () => {
  it.each([
    ['an ordinary number passes', ['123', '45', '6789'], true],
    ['the lowest issued values pass', ['001', '01', '0001'], true],
    ['area 899 passes', ['899', '99', '9999'], true],
    ['area 000 fails', ['000', '45', '6789'], false],
    ['area 666 fails', ['666', '45', '6789'], false],
    ['areas 900-999 fail', ['987', '65', '4320'], false],
    ['group 00 fails', ['123', '00', '6789'], false],
    ['serial 0000 fails', ['123', '45', '0000'], false],
    ['wrong part lengths fail', ['12', '345', '6789'], false],
  ])('%s', (_name, [area = '', group = '', serial = ''], expected) => {
    expect(isValidSsn(area, group, serial)).toBe(expected);
  });
});
