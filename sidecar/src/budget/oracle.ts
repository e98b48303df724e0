// The cost oracle: what a request will cost on a backend before it is sent. Prompt tokens come
// from the tokenizer fit for the model; output tokens are the request's max_tokens (the most it
// can cost), else the route's recent p90, else a default; never more than the target's output
// limit. The prediction is what the request reserves from its budgets.
import { costMicroUsd, type PricingConfig } from '@switchyard/contract';
import { requestedMaxTokens, type ChatCompletionRequest } from '../openai/index.js';
import type { OutputStats } from './output-stats.js';
import { promptTokens } from './prompt-tokens.js';
import { encodingFor, loadTokenizer, type Tokenizer } from './tokenizer.js';

/** Output tokens assumed for a request with no max_tokens on a route with no history. */
export const DEFAULT_OUTPUT_TOKENS = 512;

export interface Prediction {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costMicroUsd: number;
}

export interface PricedTarget {
  /** The model name the tokenizer is chosen by. */
  readonly model: string;
  readonly pricing: PricingConfig;
  readonly maxOutputTokens: number | null;
}

/** Loaded tokenizers for the models of one request (loading is the only async part). */
export async function tokenizersFor(models: readonly string[]): Promise<Map<string, Tokenizer>> {
  const entries = await Promise.all([...new Set(models)].map(async (model) => [model, await loadTokenizer(encodingFor(model))] as const));
  return new Map(entries);
}

export function expectedOutputTokens(request: ChatCompletionRequest, route: string, stats: OutputStats, maxOutputTokens: number | null): number {
  const asked = requestedMaxTokens(request) ?? stats.p90(route) ?? DEFAULT_OUTPUT_TOKENS;
  return Math.max(0, maxOutputTokens === null ? asked : Math.min(asked, maxOutputTokens)) * Math.max(1, request.n ?? 1);
}

/** Prompt tokens per encoding, counted once per request whatever the number of candidates. */
export class PromptCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly request: ChatCompletionRequest) {}

  count(tokenizer: Tokenizer): number {
    let tokens = this.counts.get(tokenizer.encoding);
    if (tokens === undefined) {
      tokens = promptTokens(tokenizer, this.request);
      this.counts.set(tokenizer.encoding, tokens);
    }
    return tokens;
  }
}

export function predictCost(inputTokens: number, target: PricedTarget, outputTokens: number): Prediction {
  const cost = costMicroUsd({ input: inputTokens, cachedInput: 0, cacheWrite: 0, output: outputTokens, reasoning: 0 }, target.pricing);
  return { inputTokens, outputTokens, costMicroUsd: cost };
}
