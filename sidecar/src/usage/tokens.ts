// The provider's usage (already OpenAI-shaped by the adapters) as the token counts prices apply
// to. Cached tokens: OpenAI's prompt_tokens_details.cached_tokens, or the Anthropic read field
// the adapter keeps; cache writes only Anthropic reports.
import type { TokenCounts } from '@switchyard/contract';
import type { Usage } from '../openai/index.js';

const count = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0);

export function tokensOf(usage: Usage): TokenCounts {
  return {
    input: count(usage.prompt_tokens),
    cachedInput: count(usage.prompt_tokens_details?.cached_tokens ?? usage.cache_read_input_tokens),
    cacheWrite: count(usage.cache_creation_input_tokens),
    output: count(usage.completion_tokens),
    reasoning: count(usage.completion_tokens_details?.reasoning_tokens),
  };
}
