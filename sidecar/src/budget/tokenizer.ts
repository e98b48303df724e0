// Prompt tokens with a real BPE tokenizer (gpt-tokenizer, pinned; its vocabularies ship inside
// the package, nothing is downloaded). o200k_base is GPT-4o/4.1/5 and the o-series; cl100k_base
// is GPT-4 and GPT-3.5. Other providers' tokenizers are not public in JS: o200k stands in for
// them (Claude, Gemini and Qwen count within about ±20 % of it on the routing corpus; the
// reservation covers the difference only as far as docs/adr/0011-budgets.md says).
// The vocabularies are large (o200k: ~300 ms and ~30 MB to load), so they load on first use.

export type Encoding = 'o200k_base' | 'cl100k_base';

export interface Tokenizer {
  readonly encoding: Encoding;
  count(text: string): number;
}

const loaded = new Map<Encoding, Promise<Tokenizer>>();

async function importEncoding(encoding: Encoding): Promise<Tokenizer> {
  const module = encoding === 'o200k_base'
    ? await import('gpt-tokenizer/encoding/o200k_base')
    : await import('gpt-tokenizer/encoding/cl100k_base');
  // Special-token text in a prompt is counted as plain text, as providers do.
  return { encoding, count: (text) => module.countTokens(text, { disallowedSpecial: new Set() }) };
}

/** The tokenizer for an encoding, loaded once per process. */
export function loadTokenizer(encoding: Encoding): Promise<Tokenizer> {
  let pending = loaded.get(encoding);
  if (pending === undefined) {
    pending = importEncoding(encoding);
    loaded.set(encoding, pending);
  }
  return pending;
}

const CL100K_MODELS = /^(gpt-4(?!o|\.|-?o)|gpt-3\.5|text-embedding-3|text-embedding-ada)/;

/**
 * @example encodingFor('gpt-4o-mini') // 'o200k_base'
 * @example encodingFor('gpt-4-turbo') // 'cl100k_base'
 */
export function encodingFor(model: string): Encoding {
  return CL100K_MODELS.test(model) ? 'cl100k_base' : 'o200k_base';
}
