import { describe, expect, it } from '@jest/globals';
import type { PricingConfig } from '../config/types.js';
import { costMicroUsd, picoUsdOf } from './cost.js';

const CLAUDE: PricingConfig = { inputMicroUsdPerMillion: 3_000_000, cachedInputMicroUsdPerMillion: 300_000, cacheWriteMicroUsdPerMillion: 3_750_000, outputMicroUsdPerMillion: 15_000_000, batchDiscountPercent: 0 };

describe('cost of tokens', () => {
  it.each([
    ['fresh input and output', { input: 1_000, cachedInput: 0, cacheWrite: 0, output: 500, reasoning: 0 }, 10_500],
    ['cache reads and writes at their own prices', { input: 5_000, cachedInput: 4_000, cacheWrite: 512, output: 96, reasoning: 0 }, 6_024],
    ['reasoning is output, not extra', { input: 0, cachedInput: 0, cacheWrite: 0, output: 100, reasoning: 64 }, 1_500],
    ['a started micro-dollar is charged', { input: 1, cachedInput: 0, cacheWrite: 0, output: 0, reasoning: 0 }, 3],
  ])('%s', (_name, tokens, micro) => {
    expect(costMicroUsd(tokens, CLAUDE)).toBe(micro);
  });

  it('sums exactly: a million one-token requests cost what one million-token request does, up to rounding per request', () => {
    const one = picoUsdOf({ input: 1, cachedInput: 0, cacheWrite: 0, output: 0, reasoning: 0 }, CLAUDE);
    expect(one * 1_000_000).toBe(picoUsdOf({ input: 1_000_000, cachedInput: 0, cacheWrite: 0, output: 0, reasoning: 0 }, CLAUDE));
  });
});
