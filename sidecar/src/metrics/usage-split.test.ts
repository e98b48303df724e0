import { describe, expect, it } from '@jest/globals';
import { splitUsage } from './usage-split.js';

describe('usage split into disjoint token kinds', () => {
  it.each([
    ['plain usage', { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 }, { input: 1000, cachedInput: 0, cacheWriteInput: 0, output: 100 }],
    ['OpenAI cached tokens', { prompt_tokens: 1000, completion_tokens: 0, total_tokens: 1000, prompt_tokens_details: { cached_tokens: 600 } },
      { input: 400, cachedInput: 600, cacheWriteInput: 0, output: 0 }],
    ['Anthropic cache reads and writes', { prompt_tokens: 1000, completion_tokens: 10, total_tokens: 1010, cache_read_input_tokens: 300, cache_creation_input_tokens: 200 },
      { input: 500, cachedInput: 300, cacheWriteInput: 200, output: 10 }],
    ['nonsense numbers count as zero', { prompt_tokens: -5, completion_tokens: Number.NaN, total_tokens: 0 }, { input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0 }],
  ])('%s', (_name, usage, split) => {
    expect(splitUsage(usage)).toEqual(split);
  });
});
