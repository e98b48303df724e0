// The cost oracle: prompt tokens against what the provider bills on the routing corpus (real
// chat requests, 10 to ~1,300 tokens), output tokens from max_tokens / the route's p90, and the
// money arithmetic. The billed count is computed independently: the OpenAI chat template with
// its special tokens, encoded whole (gpt-tokenizer's encodeChat). bench/cost-oracle prints the
// same comparison with the distribution.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeChat as encodeChatCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encodeChat as encodeChatO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { costMicroUsd, type PricingConfig } from '@switchyard/contract';
import type { ChatCompletionRequest } from '../openai/index.js';
import { DEFAULT_OUTPUT_TOKENS, expectedOutputTokens, predictCost } from './oracle.js';
import { OutputStats } from './output-stats.js';
import { promptTokens } from './prompt-tokens.js';
import { encodingFor, loadTokenizer, type Encoding } from './tokenizer.js';

// 200 of the routing development set's 1,600 requests, vendored with their licences (fixtures/README.md).
const CORPUS = join(import.meta.dirname, 'fixtures', 'routing-sample.jsonl');
const PRICING: PricingConfig = { inputMicroUsdPerMillion: 150_000, cachedInputMicroUsdPerMillion: 75_000, cacheWriteMicroUsdPerMillion: 187_500, outputMicroUsdPerMillion: 600_000, batchDiscountPercent: 0 };

const corpus: ChatCompletionRequest[] = readFileSync(CORPUS, 'utf8').split('\n').filter((line) => line.trim() !== '')
  .map((line) => ({ model: 'm', messages: (JSON.parse(line) as { messages: ChatCompletionRequest['messages'] }).messages }));

function billed(request: ChatCompletionRequest, encoding: Encoding): number {
  const chat = request.messages.map((message) => ({ role: message.role as 'user', content: typeof message.content === 'string' ? message.content : '' }));
  return encoding === 'o200k_base' ? encodeChatO200k(chat, 'gpt-4o').length : encodeChatCl100k(chat, 'gpt-4').length;
}

describe('prompt tokens on the routing corpus', () => {
  it.each<[string, Encoding]>([
    ['GPT-4o family (o200k_base)', 'o200k_base'],
    ['GPT-4 family (cl100k_base)', 'cl100k_base'],
  ])('%s: every request predicted within 10 % of its billed input cost', async (_name, encoding) => {
    const tokenizer = await loadTokenizer(encoding);
    expect(corpus.length).toBe(200);
    const errors = corpus.map((request) => {
      const actual = billed(request, encoding) * PRICING.inputMicroUsdPerMillion;
      return Math.abs(promptTokens(tokenizer, request) * PRICING.inputMicroUsdPerMillion - actual) / actual;
    });
    expect(Math.max(...errors)).toBeLessThanOrEqual(0.1);
  });
});

describe('the tokenizer fit for the model', () => {
  it.each([
    ['gpt-4o-mini', 'o200k_base'], ['gpt-4.1', 'o200k_base'], ['o3-mini', 'o200k_base'], ['gpt-5', 'o200k_base'],
    ['gpt-4-turbo', 'cl100k_base'], ['gpt-4', 'cl100k_base'], ['gpt-3.5-turbo', 'cl100k_base'],
    ['claude-3-5-haiku-latest', 'o200k_base'], ['qwen-plus', 'o200k_base'],
  ])('%s counts with %s', (model, encoding) => {
    expect(encodingFor(model)).toBe(encoding);
  });

  it('counts special-token text in a prompt as plain text instead of failing', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    expect(promptTokens(tokenizer, { model: 'm', messages: [{ role: 'user', content: 'say <|endoftext|> please' }] })).toBeGreaterThan(6);
  });
});

describe('expected output tokens', () => {
  const stats = new OutputStats();
  for (const tokens of [10, 20, 30, 40, 50, 60, 70, 80, 90, 400]) stats.record('busy', tokens);
  const request = (extra: Partial<ChatCompletionRequest>): ChatCompletionRequest => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra });

  it.each<[string, Partial<ChatCompletionRequest>, string, number | null, number]>([
    ['max_tokens is what the request may cost', { max_tokens: 300 }, 'busy', null, 300],
    ['max_completion_tokens wins over max_tokens', { max_tokens: 300, max_completion_tokens: 120 }, 'busy', null, 120],
    ["without a cap, the route's recent p90", {}, 'busy', null, 90],
    ['a route with no history gets the default', {}, 'quiet', null, DEFAULT_OUTPUT_TOKENS],
    ["never more than the target's output limit", { max_tokens: 5000 }, 'busy', 1000, 1000],
    ['n answers cost n times', { max_tokens: 100, n: 3 }, 'busy', null, 300],
  ])('%s', (_name, extra, route, limit, expected) => {
    expect(expectedOutputTokens(request(extra), route, stats, limit)).toBe(expected);
  });
});

describe('predicted cost', () => {
  it('prices input and output in integer micro-USD, rounded up once', () => {
    const prediction = predictCost(1_000, { model: 'gpt-4o-mini', pricing: PRICING, maxOutputTokens: null }, 201);
    // 1,000 × 0.15 + 201 × 0.60 = 150 + 120.6 → 271
    expect(prediction).toEqual({ inputTokens: 1_000, outputTokens: 201, costMicroUsd: 271 });
    expect(costMicroUsd({ input: 1_000, cachedInput: 0, cacheWrite: 0, output: 201, reasoning: 0 }, PRICING)).toBe(271);
  });
});
