// What one answer cost, from the provider's usage and the served backend's prices (integer
// micro-USD per million tokens). prompt_tokens holds every input token (OpenAI semantics; the
// Anthropic adapter adds its cache reads and writes in): cache reads (cached_tokens) are priced
// as such, cache writes (cache_creation_input_tokens) as writes, the rest as plain input.

import type { PricingConfig } from '@switchyard/contract';
import type { Usage } from '../openai/index.js';

/** @example costMicroUsd({ prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 }, gpt4oMiniPricing) // 450 */
export function costMicroUsd(usage: Usage, pricing: PricingConfig): number {
  const cached = Math.min(usage.prompt_tokens, usage.prompt_tokens_details?.cached_tokens ?? 0);
  const cacheWrites = usage.cache_creation_input_tokens ?? 0;
  const uncached = Math.max(0, usage.prompt_tokens - cached - cacheWrites);
  const micros = (uncached * pricing.inputMicroUsdPerMillion
    + cached * pricing.cachedInputMicroUsdPerMillion
    + cacheWrites * pricing.cacheWriteMicroUsdPerMillion
    + usage.completion_tokens * pricing.outputMicroUsdPerMillion) / 1_000_000;
  return Math.round(micros);
}
