import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { ChatCompletionRequest } from '../../openai/index.js';
import type { Target } from '../adapter.js';
import { runProviderContract } from '../contract.suite.js';
import { openAIAdapter } from './index.js';

const target: Target = { provider: 'openai', baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKey: 'sk-test-openai-0000' };

runProviderContract({ name: 'openai', adapter: openAIAdapter, target, fixtures: fileURLToPath(new URL('./fixtures/', import.meta.url)) });

describe('openai extras', () => {
  const base: ChatCompletionRequest = { model: 'chat-default', messages: [{ role: 'user', content: 'hi' }], stream: true };

  it.each([
    ['a client that did not ask for usage still gets include_usage upstream', base, { include_usage: true }],
    [
      "a client's own stream options are kept next to include_usage",
      { ...base, stream_options: { include_usage: false, include_obfuscation: false } },
      { include_usage: true, include_obfuscation: false },
    ],
  ])('%s', (_sentence, request, expected) => {
    const body = JSON.parse(openAIAdapter.toUpstreamRequest(request, target).body) as Record<string, unknown>;
    expect(body.stream_options).toEqual(expected);
  });

  it('passes fields it does not know through to OpenAI untouched', () => {
    const request = { ...base, stream: false, logit_bias: { '50256': -100 }, metadata: { team: 'birds' }, store: true };
    const body = JSON.parse(openAIAdapter.toUpstreamRequest(request, target).body) as Record<string, unknown>;
    expect(body).toMatchObject({ logit_bias: { '50256': -100 }, metadata: { team: 'birds' }, store: true, model: 'gpt-4o-mini' });
  });

  it('keeps the developer role for OpenAI itself', () => {
    const request: ChatCompletionRequest = { model: 'm', messages: [{ role: 'developer', content: 'be brief' }, { role: 'user', content: 'hi' }] };
    const body = JSON.parse(openAIAdapter.toUpstreamRequest(request, target).body) as { messages: { role: string }[] };
    expect(body.messages.map((m) => m.role)).toEqual(['developer', 'user']);
  });

  it('omits the Authorization header for a keyless endpoint', () => {
    const keyless = { ...target, apiKey: '' };
    expect(openAIAdapter.toUpstreamRequest(base, keyless).headers).toEqual({ 'content-type': 'application/json' });
  });
});
