import { describe, expect, it } from '@jest/globals';
import { GATEWAY_ERROR_CODES, type GatewayErrorCode } from './codes.js';
import { GatewayError } from './gateway-error.js';
import { toOpenAIError } from './to-openai.js';

describe('toOpenAIError', () => {
  it.each(Object.entries(GATEWAY_ERROR_CODES) as [GatewayErrorCode, (typeof GATEWAY_ERROR_CODES)[GatewayErrorCode]][])(
    'maps %s to its status, type and retry header',
    (code, spec) => {
      const mapped = toOpenAIError(new GatewayError(code, 'detail'));
      expect(mapped.status).toBe(spec.status);
      expect(mapped.body.error).toMatchObject({ type: spec.type, code });
      expect(mapped.headers['x-should-retry']).toBe(String(spec.retryable));
    },
  );

  it.each([
    ['a 400 names the offending param', new GatewayError('invalid_request', "Missing 'messages'.", { param: 'messages' }), 400, { 'x-should-retry': 'false' }, "Missing 'messages'.", 'messages'],
    ['an oversized body is 413', new GatewayError('body_too_large', 'Body exceeds 10 MiB.'), 413, { 'x-should-retry': 'false' }, 'Body exceeds 10 MiB.', null],
    ['a rate limit passes its delay on in seconds and milliseconds', new GatewayError('upstream_rate_limited', 'Slow down', { retryAfterMs: 1500 }), 429, { 'x-should-retry': 'true', 'retry-after': '2', 'retry-after-ms': '1500' }, 'Slow down', null],
    ['an exhausted quota is a 429 that tells SDKs not to retry', new GatewayError('upstream_quota_exhausted', 'Out of credits', { retryAfterMs: 9000 }), 429, { 'x-should-retry': 'false' }, 'Out of credits', null],
    ['Anthropic 529 arrives as a 503', new GatewayError('upstream_overloaded', 'Overloaded'), 503, { 'x-should-retry': 'true' }, 'Overloaded', null],
    ['an upstream timeout is 504', new GatewayError('upstream_timeout', 'No first byte in 30 s'), 504, { 'x-should-retry': 'true' }, 'No first byte in 30 s', null],
    ['upstream auth failures never show the upstream text', new GatewayError('upstream_auth', 'invalid x-api-key sk-ant-abc'), 502, { 'x-should-retry': 'false' }, 'The upstream provider rejected the gateway credentials.', null],
    ['internal errors never show their message', new GatewayError('internal', 'adapter table missing gemini'), 500, { 'x-should-retry': 'false' }, 'Internal gateway error.', null],
    ['a thrown non-gateway error is internal', new RangeError('index 4 out of range'), 500, { 'x-should-retry': 'false' }, 'Internal gateway error.', null],
    ['a thrown string is internal', 'boom', 500, { 'x-should-retry': 'false' }, 'Internal gateway error.', null],
  ])('%s', (_sentence, err, status, headers, message, param) => {
    const mapped = toOpenAIError(err);
    expect(mapped.status).toBe(status);
    expect(mapped.headers).toEqual(headers);
    expect(mapped.body.error.message).toBe(message);
    expect(mapped.body.error.param).toBe(param);
  });
});
