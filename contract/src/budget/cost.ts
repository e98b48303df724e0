// Money for tokens. Prices are integer micro-USD per million tokens, so tokens × price is an
// exact integer in pico-USD; one request's cost is that sum rounded up once to a micro-dollar.
// Every total is a sum of those integers: no float ever touches money.
import type { PricingConfig } from '../config/types.js';

/** Token counts of one request, split the way providers price them. */
export interface TokenCounts {
  /** Every prompt token, cached and cache-written ones included (OpenAI's prompt_tokens). */
  readonly input: number;
  /** Of `input`, tokens read from the provider's prompt cache. */
  readonly cachedInput: number;
  /** Of `input`, tokens written to the prompt cache (Anthropic). */
  readonly cacheWrite: number;
  /** Every completion token, reasoning included. */
  readonly output: number;
  /** Of `output`, reasoning tokens (priced as output; reported apart). */
  readonly reasoning: number;
}

export const NO_TOKENS: TokenCounts = { input: 0, cachedInput: 0, cacheWrite: 0, output: 0, reasoning: 0 };

const PICO_PER_MICRO = 1_000_000;

const whole = (value: number): number => (Number.isSafeInteger(value) && value > 0 ? value : 0);

/** Exact cost in pico-USD; safe up to ~9,000 USD per request. */
export function picoUsdOf(tokens: TokenCounts, pricing: PricingConfig): number {
  const cached = Math.min(whole(tokens.cachedInput), whole(tokens.input));
  const written = Math.min(whole(tokens.cacheWrite), whole(tokens.input) - cached);
  const fresh = whole(tokens.input) - cached - written;
  return fresh * pricing.inputMicroUsdPerMillion
    + cached * pricing.cachedInputMicroUsdPerMillion
    + written * pricing.cacheWriteMicroUsdPerMillion
    + whole(tokens.output) * pricing.outputMicroUsdPerMillion;
}

/**
 * One request's cost in integer micro-USD, rounded up (a provider never bills less than a
 * started micro-dollar in our books).
 *
 * @example
 * costMicroUsd({ input: 1000, cachedInput: 0, cacheWrite: 0, output: 200, reasoning: 0 },
 *   { inputMicroUsdPerMillion: 150_000, outputMicroUsdPerMillion: 600_000, … }) // 270
 */
export function costMicroUsd(tokens: TokenCounts, pricing: PricingConfig): number {
  return Math.ceil(picoUsdOf(tokens, pricing) / PICO_PER_MICRO);
}
