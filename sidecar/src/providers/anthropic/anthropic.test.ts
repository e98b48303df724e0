import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { isGatewayError } from '../../errors/index.js';
import type { ChatCompletionRequest } from '../../openai/index.js';
import { decodeUpstreamStream } from '../../sse/index.js';
import type { Target } from '../adapter.js';
import { contractContext, runProviderContract } from '../contract.suite.js';
import { anthropicAdapter } from './index.js';
import { DEFAULT_MAX_TOKENS } from './request.js';

const target: Target = { provider: 'anthropic', baseURL: 'https://api.anthropic.com', model: 'claude-haiku-4-5', apiKey: 'sk-ant-test-0000' };

runProviderContract({ name: 'anthropic', adapter: anthropicAdapter, target, fixtures: fileURLToPath(new URL('./fixtures/', import.meta.url)) });

describe('anthropic extras', () => {
  const request: ChatCompletionRequest = { model: 'chat-default', messages: [{ role: 'user', content: 'hi' }] };
  const bodyOf = (r: ChatCompletionRequest, t: Target = target) => JSON.parse(anthropicAdapter.toUpstreamRequest(r, t).body) as Record<string, unknown>;

  it.each([
    ['the client cap wins', { ...request, max_tokens: 99 }, target, 99],
    ['max_completion_tokens wins over max_tokens', { ...request, max_tokens: 99, max_completion_tokens: 77 }, target, 77],
    ["the model's output cap is the default", request, { ...target, maxOutputTokens: 8192 }, 8192],
    ['4096 is the last resort', request, target, DEFAULT_MAX_TOKENS],
  ])('max_tokens: %s', (_sentence, r, t, expected) => {
    expect(bodyOf(r, t).max_tokens).toBe(expected);
  });

  it.each([
    ['the host root', 'https://api.anthropic.com', 'https://api.anthropic.com/v1/messages'],
    ['the versioned root', 'https://api.anthropic.com/v1/', 'https://api.anthropic.com/v1/messages'],
  ])('reaches /v1/messages from %s', (_sentence, baseURL, url) => {
    expect(anthropicAdapter.toUpstreamRequest(request, { ...target, baseURL }).url).toBe(url);
  });

  it('turns an in-stream overloaded_error into a retryable upstream_overloaded error', () => {
    const translator = anthropicAdapter.createStreamTranslator(contractContext(target));
    const events = decodeUpstreamStream('sse', ['event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n']);
    let thrown: unknown;
    try {
      translator.push(events[0]!);
    } catch (err) {
      thrown = err;
    }
    expect(isGatewayError(thrown) && { code: thrown.code, retryable: thrown.retryable }).toEqual({ code: 'upstream_overloaded', retryable: true });
  });

  it('reports usage to the caller even when the client did not ask for it', () => {
    const translator = anthropicAdapter.createStreamTranslator(contractContext(target, false));
    const [start, finish] = decodeUpstreamStream('sse', [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":5,"cache_read_input_tokens":100,"output_tokens":1}}}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}\n\n',
    ]);
    translator.push(start!);
    translator.push(finish!);
    expect(translator.finish()).toEqual([]);
    expect(translator.usage()).toMatchObject({ prompt_tokens: 105, completion_tokens: 9, total_tokens: 114, cache_read_input_tokens: 100 });
  });
});
