import { readNumber } from '../../openai/index.js';
import type { Usage } from '../../openai/index.js';

/**
 * Anthropic usage → OpenAI usage. Anthropic's `input_tokens` excludes cache reads and writes;
 * OpenAI's `prompt_tokens` includes cached tokens, so all three are summed. Cache writes are
 * kept in an extension field because they are priced differently. Thinking tokens are inside
 * `output_tokens` and not reported separately.
 */
export function toOpenAIUsage(raw: Record<string, unknown>): Usage {
  const input = readNumber(raw, 'input_tokens') ?? 0;
  const cacheRead = readNumber(raw, 'cache_read_input_tokens') ?? 0;
  const cacheWrite = readNumber(raw, 'cache_creation_input_tokens') ?? 0;
  const output = readNumber(raw, 'output_tokens') ?? 0;
  const prompt = input + cacheRead + cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    prompt_tokens_details: { cached_tokens: cacheRead },
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
