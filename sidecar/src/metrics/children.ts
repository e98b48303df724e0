// Counter children cached by their label values. prom-client validates and hashes the label
// object on every inc(labels) (several µs); label sets here are bounded by config, so each child
// is looked up once and kept.

import type { Counter } from 'prom-client';

/** @example const requests = cachedCounter(counter); requests(['chat', 'openai', '200']).inc(); */
export function cachedCounter(counter: Counter): (values: readonly string[]) => Counter.Internal {
  const children = new Map<string, Counter.Internal>();
  return (values) => {
    const key = values.join('\u0000');
    let child = children.get(key);
    if (child === undefined) {
      child = counter.labels(...values);
      children.set(key, child);
    }
    return child;
  };
}
