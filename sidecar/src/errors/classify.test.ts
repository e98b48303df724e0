import { describe, expect, it } from '@jest/globals';
import { getAdapter } from '../providers/registry.js';
import { classifyUpstreamError, factsFromText, type UpstreamErrorFacts } from './classify.js';

const headers = (entries: Record<string, string> = {}) => new Headers(entries);

describe('classifyUpstreamError', () => {
  it.each([
    [400, {}, 'upstream_bad_request', 'fatal', 400],
    [401, {}, 'upstream_auth', 'fatal', 502],
    [402, {}, 'upstream_quota_exhausted', 'fatal', 429],
    [403, {}, 'upstream_auth', 'fatal', 502],
    [404, {}, 'upstream_not_found', 'fatal', 502],
    [408, {}, 'upstream_timeout', 'retryable', 504],
    [409, {}, 'upstream_server_error', 'retryable', 502],
    [413, {}, 'upstream_bad_request', 'fatal', 400],
    [422, {}, 'upstream_bad_request', 'fatal', 400],
    [429, {}, 'upstream_rate_limited', 'retryable', 429],
    [429, { quotaExhausted: true }, 'upstream_quota_exhausted', 'fatal', 429],
    [400, { contextLengthExceeded: true }, 'context_length_exceeded', 'fatal', 400],
    [400, { authFailure: true }, 'upstream_auth', 'fatal', 502],
    [500, {}, 'upstream_server_error', 'retryable', 502],
    [502, {}, 'upstream_server_error', 'retryable', 502],
    [503, {}, 'upstream_overloaded', 'retryable', 503],
    [504, {}, 'upstream_timeout', 'retryable', 504],
    [529, {}, 'upstream_overloaded', 'retryable', 503],
  ] as [number, UpstreamErrorFacts, string, string, number][])('HTTP %i with facts %j is %s (%s, client sees %i)', (status, facts, code, klass, clientStatus) => {
    const classified = classifyUpstreamError(status, headers(), facts, { nowMs: 0 });
    expect([classified.code, classified.class, classified.status]).toEqual([code, klass, clientStatus]);
  });

  it.each(['openai', 'azure-openai', 'anthropic', 'gemini'] as const)('a bare 529 from %s is a retryable overload shown as 503', (provider) => {
    const classified = getAdapter(provider).classifyError(529, headers(), '');
    expect([classified.code, classified.class, classified.status]).toEqual(['upstream_overloaded', 'retryable', 503]);
  });

  it.each([
    ['retry-after-ms wins over retry-after', { 'retry-after-ms': '250', 'retry-after': '3' }, undefined, 250],
    ['retry-after in whole seconds', { 'retry-after': '7' }, undefined, 7000],
    ['retry-after in fractional seconds', { 'retry-after': '1.5' }, undefined, 1500],
    ['retry-after as an HTTP date', { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, undefined, 30000],
    ['an HTTP date in the past means now', { 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, undefined, 0],
    ['a header wins over a hint in the body', { 'retry-after': '2' }, 38000, 2000],
    ['a hint in the body (Gemini RetryInfo) is used without a header', {}, 38000, 38000],
    ['garbage yields no delay', { 'retry-after': 'soon' }, undefined, undefined],
  ])('reads the delay: %s', (_sentence, entries, bodyDelay, expected) => {
    const facts = bodyDelay === undefined ? {} : { retryAfterMs: bodyDelay };
    expect(classifyUpstreamError(429, headers(entries), facts, { nowMs: Date.UTC(2026, 0, 1) }).retryAfterMs).toBe(expected);
  });

  it('never attaches a delay to a fatal error', () => {
    expect(classifyUpstreamError(400, headers({ 'retry-after': '5' }), {}).retryAfterMs).toBeUndefined();
  });

  it('names the messages param for a context overflow when the provider names none', () => {
    expect(classifyUpstreamError(400, headers(), { contextLengthExceeded: true }).param).toBe('messages');
  });

  it('scrubs the exact key it is given from relayed messages', () => {
    const classified = classifyUpstreamError(400, headers(), { message: 'bad key 1234567890abcdef here' }, { secrets: ['1234567890abcdef'] });
    expect(classified.message).toBe('bad key [REDACTED] here');
  });
});

describe('factsFromText', () => {
  it.each([
    ['relays short plain text', 'Unauthorized', { message: 'Unauthorized' }],
    ['drops HTML error pages', '<html><body>502 Bad Gateway</body></html>', {}],
    ['drops empty bodies', '  ', {}],
    ['drops long dumps', 'x'.repeat(301), {}],
  ])('%s', (_sentence, text, facts) => {
    expect(factsFromText(text)).toEqual(facts);
  });
});
