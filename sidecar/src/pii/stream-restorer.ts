import { restoreText, type ValueEncoding } from './restore.js';

/** Restores placeholders in text that arrives in pieces; one per stream of text (choice, field). */
export interface StreamRestorer {
  /** Restored text that is safe to send now. */
  push(piece: string): string;
  /** What was held back, restored; call at the end of the stream. */
  flush(): string;
}

function properPrefixes(placeholders: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const placeholder of placeholders) {
    for (let length = 1; length < placeholder.length; length += 1) prefixes.add(placeholder.slice(0, length));
  }
  return prefixes;
}

/**
 * Holds back only the shortest tail that could still grow into a known placeholder: the text
 * from the earliest `[` whose rest is a proper prefix of one. Everything before it is restored
 * and sent, so output never lags by more than one placeholder's length.
 */
export function createStreamRestorer(values: ReadonlyMap<string, string>, encoding: ValueEncoding = 'text'): StreamRestorer {
  const prefixes = properPrefixes(values.keys());
  let longest = 0;
  for (const placeholder of values.keys()) longest = Math.max(longest, placeholder.length);
  let pending = '';

  function heldFrom(text: string): number {
    for (let at = text.indexOf('[', Math.max(0, text.length - longest + 1)); at >= 0; at = text.indexOf('[', at + 1)) {
      if (prefixes.has(text.slice(at))) return at;
    }
    return text.length;
  }

  return {
    push(piece) {
      if (values.size === 0) return piece;
      const text = pending + piece;
      const cut = heldFrom(text);
      pending = text.slice(cut);
      return restoreText(text.slice(0, cut), values, encoding);
    },
    flush() {
      const rest = restoreText(pending, values, encoding);
      pending = '';
      return rest;
    },
  };
}
