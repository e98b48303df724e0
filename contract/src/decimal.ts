// Exact decimal handling for the strings the CRDs carry. Money never passes through a float:
// "2.50" USD becomes the integer 2_500_000 micro-USD by string arithmetic.

/** USD, at most 9 integer digits (under a billion dollars) and 6 decimals (one micro-dollar). */
export const MONEY_PATTERN = '^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,6})?$';
/** A ratio from "0" to "1" with at most 6 decimals. */
export const UNIT_INTERVAL_PATTERN = '^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$';

const MONEY = new RegExp(MONEY_PATTERN);
const UNIT_INTERVAL = new RegExp(UNIT_INTERVAL_PATTERN);
const MICROS_PER_UNIT = 1_000_000;

/** Readable schema messages for the patterns above, keyed by pattern. */
export const DECIMAL_PATTERN_HINTS: Readonly<Record<string, string>> = {
  [MONEY_PATTERN]: 'must be a decimal string of US dollars with at most 6 decimals, e.g. "2.50"',
  [UNIT_INTERVAL_PATTERN]: 'must be a decimal string from "0" to "1" with at most 6 decimals, e.g. "0.5"',
};

/**
 * USD decimal string → integer micro-USD, or null when the text is not plain decimal money.
 *
 * @example
 * parseMicroUsd('2.50') // 2500000
 * parseMicroUsd('1e3')  // null
 */
export function parseMicroUsd(text: string): number | null {
  if (!MONEY.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * MICROS_PER_UNIT + Number(fraction.padEnd(6, '0'));
}

/**
 * Integer micro-USD → USD decimal string with at least two decimals.
 *
 * @example
 * formatMicroUsd(150000)  // "0.15"
 * formatMicroUsd(1234567) // "1.234567"
 */
export function formatMicroUsd(micros: number): string {
  if (!Number.isSafeInteger(micros) || micros < 0) throw new RangeError(`not a micro-USD amount: ${micros}`);
  const whole = Math.floor(micros / MICROS_PER_UNIT);
  const fraction = String(micros % MICROS_PER_UNIT).padStart(6, '0').replace(/0{1,4}$/, '');
  return `${whole}.${fraction}`;
}

/**
 * Decimal string "0"–"1" → number, or null when out of range or not plain decimal.
 *
 * @example
 * parseUnitInterval('0.5') // 0.5
 */
export function parseUnitInterval(text: string): number | null {
  return UNIT_INTERVAL.test(text) ? Number(text) : null;
}
