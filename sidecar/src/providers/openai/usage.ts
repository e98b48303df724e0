import { isRecord, readNumber, readRecord } from '../../openai/index.js';
import type { Usage } from '../../openai/index.js';

/**
 * OpenAI-family usage with the family's variants folded in. DeepSeek reports cache hits as
 * `prompt_cache_hit_tokens` beside the OpenAI fields; the rest passes through unchanged.
 */
export function normalizeFamilyUsage(raw: unknown): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const prompt = readNumber(raw, 'prompt_tokens') ?? 0;
  const completion = readNumber(raw, 'completion_tokens') ?? 0;
  const usage: Usage = { ...raw, prompt_tokens: prompt, completion_tokens: completion, total_tokens: readNumber(raw, 'total_tokens') ?? prompt + completion };
  const cacheHits = readNumber(raw, 'prompt_cache_hit_tokens');
  const details = readRecord(raw, 'prompt_tokens_details');
  if (cacheHits !== undefined && (details === undefined || readNumber(details, 'cached_tokens') === undefined)) {
    usage.prompt_tokens_details = { ...details, cached_tokens: cacheHits };
  }
  return usage;
}
