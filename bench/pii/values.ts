// Generators of PII values in the formats people actually write them, one per entity type, and
// of near-miss values that must not be flagged. Everything draws from the Faker instance it is
// given, so a seed fixes the whole corpus.

import type { Faker } from '@faker-js/faker';

export type GoldType = 'email' | 'phone' | 'credit-card' | 'iban' | 'us-ssn' | 'ipv4' | 'ipv6' | 'secret';

export const GOLD_TYPES: readonly GoldType[] = ['email', 'phone', 'credit-card', 'iban', 'us-ssn', 'ipv4', 'ipv6', 'secret'];

function pick<T>(faker: Faker, items: readonly T[]): T {
  return faker.helpers.arrayElement(items as T[]);
}

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

function groupDigits(digits: string, sizes: readonly number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.join(separator);
}

const ISSUERS = ['visa', 'mastercard', 'american_express', 'discover', 'diners_club', 'jcb', 'maestro', 'laser', 'instapayment'];

function cardDigits(faker: Faker): string {
  return faker.finance.creditCardNumber({ issuer: pick(faker, ISSUERS) }).replace(/\D/g, '');
}

function formatCard(faker: Faker, digits: string): string {
  const style = faker.number.int({ min: 0, max: 9 });
  if (digits.length === 15 && style < 6) return groupDigits(digits, [4, 6, 5], pick(faker, [' ', '-']));
  if (digits.length === 14 && style < 4) return groupDigits(digits, [4, 6, 4], pick(faker, [' ', '-']));
  if (style < 3) return digits;
  if (style < 7) return groupDigits(digits, [4, 4, 4, 4, 4], ' ');
  return groupDigits(digits, [4, 4, 4, 4, 4], '-');
}

export function creditCard(faker: Faker): string {
  return formatCard(faker, cardDigits(faker));
}

/** Card-shaped numbers whose Luhn digit is wrong. */
export function luhnInvalidCard(faker: Faker): string {
  const digits = cardDigits(faker);
  const body = digits.slice(0, -1);
  const good = Number(luhnCheckDigit(body));
  const bad = (good + faker.number.int({ min: 1, max: 9 })) % 10;
  return formatCard(faker, body + String(bad));
}

const IBAN_COUNTRIES = ['DE', 'FR', 'GB', 'ES', 'IT', 'NL', 'BE', 'AT', 'CH', 'PL', 'PT', 'IE', 'SE', 'DK', 'FI', 'NO', 'LU', 'CZ', 'HU', 'RO', 'GR', 'HR', 'SK', 'SI'];

function ibanCompact(faker: Faker): string {
  const country = faker.datatype.boolean(0.7) ? pick(faker, IBAN_COUNTRIES) : undefined;
  return faker.finance.iban(country === undefined ? { formatted: false } : { formatted: false, countryCode: country });
}

function formatIban(faker: Faker, compact: string): string {
  const style = faker.number.int({ min: 0, max: 9 });
  let text = style < 3 ? compact : style < 9 ? compact.replace(/(.{4})(?=.)/g, '$1 ') : compact.replace(/(.{4})(?=.)/g, '$1-');
  if (faker.datatype.boolean(0.15)) text = text.toLowerCase();
  return text;
}

export function iban(faker: Faker): string {
  return formatIban(faker, ibanCompact(faker));
}

/** IBANs with one check digit changed: mod 97 fails. */
export function ibanBadChecksum(faker: Faker): string {
  const compact = ibanCompact(faker);
  const check = Number(compact.slice(2, 4));
  const wrong = String((check + faker.number.int({ min: 1, max: 50 })) % 100).padStart(2, '0');
  return formatIban(faker, compact.slice(0, 2) + wrong + compact.slice(4));
}

export function ssn(faker: Faker): string {
  let area = faker.number.int({ min: 1, max: 899 });
  if (area === 666) area = 665;
  const group = faker.number.int({ min: 1, max: 99 });
  const serial = faker.number.int({ min: 1, max: 9999 });
  const separator = faker.datatype.boolean(0.85) ? '-' : ' ';
  return [String(area).padStart(3, '0'), String(group).padStart(2, '0'), String(serial).padStart(4, '0')].join(separator);
}

/** SSN-shaped numbers outside the issued ranges (000, 666, 9xx areas; 00 group; 0000 serial). */
export function ssnInvalid(faker: Faker): string {
  const pad = (value: number, length: number): string => String(value).padStart(length, '0');
  let area = pad(faker.number.int({ min: 1, max: 899 }), 3);
  let group = pad(faker.number.int({ min: 1, max: 99 }), 2);
  let serial = pad(faker.number.int({ min: 1, max: 9999 }), 4);
  const variant = faker.number.int({ min: 0, max: 2 });
  if (variant === 0) area = pick(faker, ['000', '666', String(faker.number.int({ min: 900, max: 999 }))]);
  else if (variant === 1) group = '00';
  else serial = '0000';
  return `${area}-${group}-${serial}`;
}

export function ipv4(faker: Faker): string {
  const style = faker.number.int({ min: 0, max: 9 });
  if (style === 0) return `10.${faker.number.int(255)}.${faker.number.int(255)}.${faker.number.int({ min: 1, max: 254 })}`;
  if (style === 1) return `192.168.${faker.number.int(255)}.${faker.number.int({ min: 1, max: 254 })}`;
  return faker.internet.ipv4();
}

export function ipv6(faker: Faker): string {
  const groups = faker.internet.ipv6().split(':').map((group) => (faker.datatype.boolean(0.4) ? group.replace(/^0+(?=.)/, '') : group));
  const style = faker.number.int({ min: 0, max: 5 });
  if (style === 0) return groups.join(':');
  if (style === 1) return `2001:db8::${groups.slice(6).join(':')}`;
  if (style === 2) return `fe80::${groups.slice(4).join(':')}`;
  if (style === 3) return `${groups.slice(0, 3).join(':')}::${groups[7] ?? '1'}`;
  if (style === 4) return groups.join(':').toUpperCase();
  return `${groups.slice(0, 4).join(':')}::${groups.slice(6).join(':')}`;
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export function secret(faker: Faker): string {
  const alnum = (length: number): string => faker.string.alphanumeric({ length, casing: 'mixed' });
  const urlsafe = (length: number): string => faker.string.fromCharacters('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', length);
  switch (faker.number.int({ min: 0, max: 11 })) {
    case 0: return `sk-${alnum(48)}`;
    case 1: return `sk-proj-${urlsafe(faker.number.int({ min: 40, max: 120 }))}`;
    case 2: return `sk-ant-api03-${urlsafe(93)}AA`;
    case 3: return `AIza${urlsafe(35)}`;
    case 4: return `${pick(faker, ['ghp', 'gho', 'ghu', 'ghs'])}_${alnum(36)}`;
    case 5: return `github_pat_${alnum(22)}_${alnum(59)}`;
    case 6: return `${pick(faker, ['xoxb', 'xoxp'])}-${faker.string.numeric(12)}-${faker.string.numeric(13)}-${alnum(24)}`;
    case 7: return `AKIA${faker.string.alphanumeric({ length: 16, casing: 'upper' })}`;
    case 8: return `glpat-${urlsafe(20)}`;
    case 9: {
      const header = base64url(JSON.stringify({ alg: pick(faker, ['HS256', 'RS256']), typ: 'JWT' }));
      const payload = base64url(JSON.stringify({ sub: faker.string.uuid(), name: faker.person.fullName(), iat: faker.number.int({ min: 1.6e9, max: 1.8e9 }) }));
      return `${header}.${payload}.${urlsafe(43)}`;
    }
    case 10: return `sk_live_${alnum(24)}`;
    default: return `sk-svcacct-${urlsafe(64)}`;
  }
}

export function email(faker: Faker): string {
  const first = faker.person.firstName().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '') || 'alex';
  const last = faker.person.lastName().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '') || 'smith';
  switch (faker.number.int({ min: 0, max: 7 })) {
    case 0: return `${first.toLowerCase()}+${faker.word.sample().toLowerCase().replace(/[^a-z]/g, '') || 'news'}@${faker.internet.domainName()}`;
    case 1: return `${first.toLowerCase()}.${last.toLowerCase()}@${pick(faker, ['mail', 'eu', 'corp', 'us.corp', 'dept.uni'])}.${faker.internet.domainName()}`;
    case 2: return `${first[0]?.toUpperCase() ?? 'A'}${last}@${faker.internet.domainName().toUpperCase()}`;
    case 3: return `${last.toLowerCase()}_${faker.number.int(99)}@${pick(faker, ['gmail.com', 'outlook.com', 'web.de', 'gmx.net', 'orange.fr', 'libero.it', 'yahoo.es', 'ziggo.nl', 'btinternet.co.uk'])}`;
    default: return faker.internet.email({ firstName: first, lastName: last });
  }
}

const PHONE_LOCALE_STYLES = ['human', 'national', 'international'] as const;

/** Faker's own locale formats, plus the hand-written E.164/NANP/EU variants people type. */
export function phone(faker: Faker): string {
  const style = faker.number.int({ min: 0, max: 9 });
  if (style < 5) return faker.phone.number({ style: pick(faker, PHONE_LOCALE_STYLES) });
  const digits = (length: number): string => faker.string.numeric({ length, allowLeadingZeros: true });
  const nxx = (): string => `${faker.number.int({ min: 2, max: 9 })}${digits(2)}`;
  switch (faker.number.int({ min: 0, max: 9 })) {
    case 0: return `(${nxx()}) ${nxx()}-${digits(4)}`;
    case 1: return `+1 ${nxx()} ${nxx()} ${digits(4)}`;
    case 2: return `+1-${nxx()}-${nxx()}-${digits(4)}`;
    case 3: return `+44 20 ${digits(4)} ${digits(4)}`;
    case 4: return `+44 (0)7${digits(3)} ${digits(6)}`;
    case 5: return `+49 ${faker.number.int({ min: 30, max: 89 })} ${digits(7)}`;
    case 6: return `+33 ${faker.number.int({ min: 1, max: 7 })} ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
    case 7: return `0${faker.number.int({ min: 6, max: 7 })} ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
    case 8: return `00 ${pick(faker, ['34', '39', '31', '32'])} ${digits(3)} ${digits(3)} ${digits(3)}`;
    default: return `${nxx()}.${nxx()}.${digits(4)}`;
  }
}

export const GOLD_VALUES: Readonly<Record<GoldType, (faker: Faker) => string>> = {
  email, phone, 'credit-card': creditCard, iban, 'us-ssn': ssn, ipv4, ipv6, secret,
};

// ------------------------------------------------------------------------------- near misses

function isbn13(faker: Faker): string {
  return faker.commerce.isbn({ variant: 13, separator: pick(faker, ['-', '-', ' ', '']) });
}

export const NEAR_MISS_VALUES: Readonly<Record<string, (faker: Faker) => string>> = {
  badcard: luhnInvalidCard,
  badiban: ibanBadChecksum,
  badssn: ssnInvalid,
  badip: (faker) => `${faker.number.int({ min: 256, max: 999 })}.${faker.number.int(255)}.${faker.number.int(255)}.${faker.number.int(255)}`,
  version: (faker) => pick(faker, [faker.system.semver(), `${faker.number.int(20)}.${faker.number.int(20)}.${faker.number.int(20)}.${faker.number.int(9999)}`]),
  order: (faker) => pick(faker, [
    `ORD-${faker.number.int({ min: 2019, max: 2026 })}-${faker.string.numeric(6)}`,
    faker.string.numeric({ length: faker.number.int({ min: 8, max: 16 }), allowLeadingZeros: false }),
    `${faker.string.alpha({ length: 2, casing: 'upper' })}${faker.string.numeric(10)}`,
  ]),
  ts: (faker) => pick(faker, [
    faker.date.recent({ days: 900 }).toISOString(),
    String(Math.floor(faker.date.recent({ days: 900 }).getTime() / 1000)),
    String(faker.date.recent({ days: 900 }).getTime()),
    faker.date.recent({ days: 900 }).toISOString().replace('T', ' ').slice(0, 19),
  ]),
  isbn: (faker) => pick(faker, [isbn13(faker), faker.commerce.isbn(10)]),
  hash: (faker) => faker.string.hexadecimal({ length: pick(faker, [32, 40, 64]), casing: 'lower', prefix: '' }),
  uuid: (faker) => faker.string.uuid(),
  date: (faker) => {
    const date = faker.date.recent({ days: 2000 });
    const [y, m, d] = [date.getUTCFullYear(), String(date.getUTCMonth() + 1).padStart(2, '0'), String(date.getUTCDate()).padStart(2, '0')];
    return pick(faker, [`${y}-${m}-${d}`, `${d}.${m}.${y}`, `${m}/${d}/${y}`, `${d}/${m}/${y}`]);
  },
  amount: (faker) => pick(faker, [
    `$${faker.number.int({ min: 1, max: 999 })},${faker.string.numeric(3)}.${faker.string.numeric(2)}`,
    `${faker.number.int({ min: 1, max: 999 })}.${faker.string.numeric(3)},${faker.string.numeric(2)} €`,
    `€${faker.number.int({ min: 10, max: 99999 })}`,
  ]),
  time: (faker) => `${String(faker.number.int(23)).padStart(2, '0')}:${String(faker.number.int(59)).padStart(2, '0')}:${String(faker.number.int(59)).padStart(2, '0')}`,
  mac: (faker) => faker.internet.mac(),
  port: (faker) => String(faker.internet.port()),
};
