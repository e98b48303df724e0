import { describe, expect, it } from '@jest/globals';
import { estimateTextTokens } from './tokens.js';

describe('estimateTextTokens', () => {
  it.each([
    ['an empty text', '', 0],
    ['short words, one token each', 'how are you', 3],
    ['a long word, one token per seven letters', 'internationalization', 3],
    ['digits at 0.4 each', '2024', 1.6],
    ['punctuation at 0.8 each', '?!', 1.6],
    ['Chinese, one token per character', '你好世界', 4],
  ])('counts %s', (_sentence, text, expected) => {
    expect(estimateTextTokens(text)).toBeCloseTo(expected, 5);
  });

  it('grows linearly with the text', () => {
    const one = estimateTextTokens('The quick brown fox jumps over the lazy dog. ');
    expect(estimateTextTokens('The quick brown fox jumps over the lazy dog. '.repeat(1000))).toBeCloseTo(one * 1000, 3);
  });

  it('lands near real tokenizers on English prose (o200k gives 20 tokens here)', () => {
    const estimate = estimateTextTokens('Could you tell me how long an international transfer usually takes to reach a bank in Germany?');
    expect(estimate).toBeGreaterThan(16);
    expect(estimate).toBeLessThan(26);
  });
});
