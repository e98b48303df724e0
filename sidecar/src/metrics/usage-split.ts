// A provider's usage split into disjoint token kinds, so that summing them gives the total and
// each kind can be priced at its own rate. OpenAI semantics: prompt_tokens includes cached reads
// and (our Anthropic extension) cache writes.

import type { Usage } from '../openai/index.js';

export interface TokenSplit {
  /** Prompt tokens read neither from nor into a prompt cache. */
  readonly input: number;
  readonly cachedInput: number;
  readonly cacheWriteInput: number;
  readonly output: number;
}

/** @example splitUsage({ prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_tokens_details: { cached_tokens: 60 } }) // { input: 40, cachedInput: 60, cacheWriteInput: 0, output: 5 } */
export function splitUsage(usage: Usage): TokenSplit {
  const prompt = count(usage.prompt_tokens);
  const cachedInput = Math.min(prompt, count(usage.prompt_tokens_details?.cached_tokens ?? usage.cache_read_input_tokens));
  const cacheWriteInput = Math.min(prompt - cachedInput, count(usage.cache_creation_input_tokens));
  return { input: prompt - cachedInput - cacheWriteInput, cachedInput, cacheWriteInput, output: count(usage.completion_tokens) };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
