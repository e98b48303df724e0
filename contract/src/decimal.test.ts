import { describe, expect, it } from '@jest/globals';
import { formatMicroUsd, parseMicroUsd, parseUnitInterval } from './decimal.js';

describe('parseMicroUsd', () => {
  it.each([
    ['fifteen cents', '0.15', 150_000],
    ['a price with one decimal', '2.5', 2_500_000],
    ['a price with two decimals', '2.50', 2_500_000],
    ['a whole number of dollars', '10', 10_000_000],
    ['zero', '0', 0],
    ['one micro-dollar', '0.000001', 1],
    ['six decimals', '1.234567', 1_234_567],
    ['the largest amount', '999999999.999999', 999_999_999_999_999],
    ['a value floats get wrong (0.1 + 0.2)', '0.3', 300_000],
  ])('reads %s', (_sentence, text, micros) => {
    expect(parseMicroUsd(text)).toBe(micros);
  });

  it.each([
    ['exponent notation', '1e3'],
    ['a negative amount', '-1'],
    ['seven decimals', '0.1234567'],
    ['a leading plus', '+1'],
    ['a leading zero', '01.5'],
    ['a bare decimal point', '1.'],
    ['a missing whole part', '.5'],
    ['a currency sign', '$2.50'],
    ['a thousands separator', '1,000'],
    ['surrounding spaces', ' 1 '],
    ['ten integer digits', '1000000000'],
    ['an empty string', ''],
    ['not a number', 'NaN'],
  ])('rejects %s', (_sentence, text) => {
    expect(parseMicroUsd(text)).toBeNull();
  });
});

describe('formatMicroUsd', () => {
  it.each([
    ['cents keep two decimals', 150_000, '0.15'],
    ['whole dollars keep two decimals', 2_000_000, '2.00'],
    ['sub-cent amounts keep their digits', 1_234_567, '1.234567'],
    ['zero', 0, '0.00'],
  ])('writes %s', (_sentence, micros, text) => {
    expect(formatMicroUsd(micros)).toBe(text);
  });

  it('round-trips every amount it writes', () => {
    for (const micros of [0, 1, 10, 99, 150_000, 2_500_000, 1_234_567, 999_999_999_999_999]) {
      expect(parseMicroUsd(formatMicroUsd(micros))).toBe(micros);
    }
  });

  it('refuses fractional micro-dollars', () => {
    expect(() => formatMicroUsd(0.5)).toThrow(RangeError);
  });
});

describe('parseUnitInterval', () => {
  it.each([
    ['a half', '0.5', 0.5],
    ['zero', '0', 0],
    ['one', '1', 1],
    ['one with decimals', '1.000', 1],
  ])('reads %s', (_sentence, text, value) => {
    expect(parseUnitInterval(text)).toBe(value);
  });

  it.each([['above one', '1.1'], ['negative', '-0.1'], ['seven decimals', '0.1234567'], ['exponent', '5e-1']])('rejects %s', (_sentence, text) => {
    expect(parseUnitInterval(text)).toBeNull();
  });
});
