// The seeded PII corpus: sentences rendered from TEMPLATES with Faker values in six locales,
// each with its gold spans, plus near-miss sentences with no PII at all. One seed, one corpus.

import { Faker, base, de, en, en_GB, en_US, es, fr, it, nl, type LocaleDefinition } from '@faker-js/faker';
import { NEGATIVE_TEMPLATES, TEMPLATES, type Lang, type Template } from './templates.js';
import { GOLD_TYPES, GOLD_VALUES, NEAR_MISS_VALUES, type GoldType } from './values.js';

export const DEFAULT_SEED = 20261128;

/** Dates ("recent", timestamps) are drawn relative to this, not to the clock, so a seed is enough. */
const REFERENCE_DATE = '2026-01-01T00:00:00.000Z';

export interface GoldSpan {
  readonly type: GoldType;
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

export interface CorpusItem {
  readonly id: string;
  readonly template: string;
  readonly locale: string;
  readonly text: string;
  readonly spans: readonly GoldSpan[];
}

export interface CorpusOptions {
  readonly seed?: number;
  /** Items built around each PII type (each may hold other types too). */
  readonly perType?: number;
  /** Items without any PII, from the near-miss templates. */
  readonly negatives?: number;
}

const LOCALES: Readonly<Record<string, readonly LocaleDefinition[]>> = {
  en_US: [en_US, en, base],
  en_GB: [en_GB, en, base],
  de: [de, en, base],
  fr: [fr, en, base],
  es: [es, en, base],
  it: [it, en, base],
  nl: [nl, en, base],
};

const LOCALES_BY_LANG: Readonly<Record<Lang, readonly string[]>> = {
  en: ['en_US', 'en_US', 'en_GB'],
  de: ['de'],
  fr: ['fr'],
  es: ['es'],
  it: ['it'],
  nl: ['nl'],
};

const SLOT = /\{([a-z0-9_-]+)\}/g;

function filler(faker: Faker, slot: string): string | undefined {
  switch (slot) {
    case 'name': return faker.person.fullName();
    case 'first': return faker.person.firstName();
    case 'city': return faker.location.city();
    case 'company': return faker.company.name();
    case 'company_domain': return faker.internet.domainName();
    case 'street': return faker.location.streetAddress();
    default: return NEAR_MISS_VALUES[slot]?.(faker);
  }
}

function isGoldType(slot: string): slot is GoldType {
  return (GOLD_TYPES as readonly string[]).includes(slot);
}

export function renderTemplate(faker: Faker, template: Template): { text: string; spans: GoldSpan[] } {
  let text = '';
  let cursor = 0;
  const spans: GoldSpan[] = [];
  for (const match of template.text.matchAll(SLOT)) {
    const slot = match[1] ?? '';
    text += template.text.slice(cursor, match.index);
    cursor = match.index + match[0].length;
    if (isGoldType(slot)) {
      const value = GOLD_VALUES[slot](faker);
      spans.push({ type: slot, start: text.length, end: text.length + value.length, value });
      text += value;
    } else {
      text += filler(faker, slot) ?? match[0];
    }
  }
  return { text: text + template.text.slice(cursor), spans };
}

function fakers(seed: number): Map<string, Faker> {
  const byLocale = new Map<string, Faker>();
  Object.entries(LOCALES).forEach(([name, locale], index) => {
    const faker = new Faker({ locale: [...locale] });
    faker.seed(seed * 31 + index);
    faker.setDefaultRefDate(REFERENCE_DATE);
    byLocale.set(name, faker);
  });
  return byLocale;
}

export function generateCorpus(options: CorpusOptions = {}): CorpusItem[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const perType = options.perType ?? 1200;
  const negatives = options.negatives ?? 3000;
  const byLocale = fakers(seed);
  const chooser = new Faker({ locale: [en, base] });
  chooser.seed(seed);
  const items: CorpusItem[] = [];

  const add = (template: Template, kind: string, index: number): void => {
    const locale = chooser.helpers.arrayElement([...LOCALES_BY_LANG[template.lang]]);
    const faker = byLocale.get(locale) ?? chooser;
    const { text, spans } = renderTemplate(faker, template);
    items.push({ id: `${kind}-${index}`, template: template.id, locale, text, spans });
  };

  for (const type of GOLD_TYPES) {
    const candidates = TEMPLATES.filter((template) => template.text.includes(`{${type}}`));
    for (let i = 0; i < perType; i += 1) add(chooser.helpers.arrayElement(candidates), type, i);
  }
  for (let i = 0; i < negatives; i += 1) add(chooser.helpers.arrayElement([...NEGATIVE_TEMPLATES]), 'negative', i);
  return items;
}
