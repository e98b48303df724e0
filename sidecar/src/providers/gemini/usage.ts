import { readNumber } from '../../openai/index.js';
import type { Usage } from '../../openai/index.js';

/**
 * Gemini usageMetadata → OpenAI usage. Thinking tokens are billed as output and OpenAI counts
 * reasoning inside completion_tokens, so thoughts are added to candidates. In streams each
 * chunk's usageMetadata is a running total, so the caller keeps only the last one.
 */
export function toOpenAIUsage(meta: Record<string, unknown>): Usage {
  const prompt = (readNumber(meta, 'promptTokenCount') ?? 0) + (readNumber(meta, 'toolUsePromptTokenCount') ?? 0);
  const thoughts = readNumber(meta, 'thoughtsTokenCount') ?? 0;
  const completion = (readNumber(meta, 'candidatesTokenCount') ?? 0) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: readNumber(meta, 'totalTokenCount') ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: readNumber(meta, 'cachedContentTokenCount') ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}
