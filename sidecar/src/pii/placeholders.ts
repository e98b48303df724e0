import { placeholderLabel, type EntityKind } from './entities.js';

/** Every string with the placeholder shape `[LABEL_n]`, known to this request or not. */
export const PLACEHOLDER_SHAPE = /\[[A-Z0-9][A-Z0-9_]*_[0-9]+\]/g;

/** Placeholders already written in the request by its author; the book never hands them out. */
export function literalPlaceholders(texts: Iterable<string>): Set<string> {
  const taken = new Set<string>();
  for (const text of texts) {
    if (!text.includes('[')) continue;
    for (const match of text.matchAll(PLACEHOLDER_SHAPE)) taken.add(match[0]);
  }
  return taken;
}

/**
 * The placeholders of one request: the same value of the same kind always gets the same
 * placeholder (`[EMAIL_1]` twice for one address), numbered per label in order of appearance.
 */
export class PlaceholderBook {
  readonly #taken: ReadonlySet<string>;
  /** Label → value → placeholder. */
  readonly #byLabel = new Map<string, Map<string, string>>();
  readonly #values = new Map<string, string>();
  readonly #counters = new Map<string, number>();

  constructor(taken: ReadonlySet<string> = new Set()) {
    this.#taken = taken;
  }

  placeholderFor(kind: EntityKind, value: string): string {
    const label = placeholderLabel(kind);
    let byValue = this.#byLabel.get(label);
    if (byValue === undefined) {
      byValue = new Map();
      this.#byLabel.set(label, byValue);
    }
    const known = byValue.get(value);
    if (known !== undefined) return known;
    let counter = this.#counters.get(label) ?? 0;
    let placeholder: string;
    do {
      counter += 1;
      placeholder = `[${label}_${counter}]`;
    } while (this.#taken.has(placeholder));
    this.#counters.set(label, counter);
    byValue.set(value, placeholder);
    this.#values.set(placeholder, value);
    return placeholder;
  }

  /** Placeholder → original value. */
  get values(): ReadonlyMap<string, string> {
    return this.#values;
  }
}
