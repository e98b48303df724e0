import { describe, expect, it } from '@jest/globals';
import { validateEmbeddingsRequest } from './validate-embeddings.js';

describe('validateEmbeddingsRequest', () => {
  it.each([
    ['one string', { model: 'e', input: 'hello' }],
    ['a list of strings', { model: 'e', input: ['a', 'b'], encoding_format: 'base64', dimensions: 256 }],
    ['token ids', { model: 'e', input: [1, 2, 3] }],
    ['lists of token ids', { model: 'e', input: [[1, 2], [3]] }],
  ])('accepts %s', (_sentence, body) => {
    expect(validateEmbeddingsRequest(body).ok).toBe(true);
  });

  it.each([
    ['a missing model', { input: 'x' }, 'model'],
    ['a missing input', { model: 'e' }, 'input'],
    ['an empty input list', { model: 'e', input: [] }, 'input'],
    ['a mixed input list', { model: 'e', input: ['a', 1] }, 'input'],
    ['an unknown encoding', { model: 'e', input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    ['zero dimensions', { model: 'e', input: 'x', dimensions: 0 }, 'dimensions'],
  ])('rejects %s, naming the param', (_sentence, body, param) => {
    const result = validateEmbeddingsRequest(body);
    expect(result.ok ? undefined : result.error.param).toBe(param);
  });
});
