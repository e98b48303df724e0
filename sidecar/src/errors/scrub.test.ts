import { describe, expect, it } from '@jest/globals';
import { scrubSecrets } from './scrub.js';

describe('scrubSecrets', () => {
  it.each([
    ['an OpenAI project key', 'Incorrect API key provided: sk-proj-AbC123xyz789.', 'Incorrect API key provided: [REDACTED].'],
    ['an OpenAI key OpenAI already masked', 'key sk-abcd****************wxyz is invalid', 'key [REDACTED] is invalid'],
    ['an Anthropic key', 'x-api-key sk-ant-api03-AAAA_bbbb-CCCC rejected', 'x-api-key [REDACTED] rejected'],
    ['a Google key', 'API key AIzaSyA1b2C3d4E5f6G7h8I9j0 not valid', 'API key [REDACTED] not valid'],
    ['a bearer token', 'Authorization: Bearer eyJhbGciOi.payload.sig', 'Authorization: Bearer [REDACTED]'],
    ['an api-key header echo', '{"api-key": "0123456789abcdef0123456789abcdef"}', '{"api-key": "[REDACTED]"}'],
    ['a key in a query string', 'GET /v1beta/models?key=secretvalue&alt=sse failed', 'GET /v1beta/models?key=[REDACTED]&alt=sse failed'],
    ['nothing secret', 'Overloaded', 'Overloaded'],
  ])('removes %s', (_sentence, text, expected) => {
    expect(scrubSecrets(text)).toBe(expected);
  });

  it('removes an exact secret wherever it appears', () => {
    expect(scrubSecrets('a plainsecret123 b plainsecret123', ['plainsecret123'])).toBe('a [REDACTED] b [REDACTED]');
  });

  it('caps relayed messages at 1000 characters', () => {
    expect(scrubSecrets('y'.repeat(5000))).toHaveLength(1001);
  });
});
