import { describe, expect, it } from '@jest/globals';
import type { ProviderFlavor } from '@switchyard/contract';
import { fileURLToPath } from 'node:url';
import type { ChatCompletionRequest } from '../../openai/index.js';
import type { Target } from '../adapter.js';
import { runProviderContract } from '../contract.suite.js';
import { getAdapter } from '../registry.js';

const BASE_URLS: Readonly<Record<Exclude<ProviderFlavor, 'generic'>, string>> = {
  deepseek: 'https://api.deepseek.com',
  mistral: 'https://api.mistral.ai/v1',
  qwen: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  vllm: 'http://vllm.models.svc.cluster.local:8000/v1',
  ollama: 'http://ollama.models.svc.cluster.local:11434/v1',
};
const MODELS: Readonly<Record<Exclude<ProviderFlavor, 'generic'>, string>> = {
  deepseek: 'deepseek-chat',
  mistral: 'mistral-small-latest',
  qwen: 'qwen3-max',
  vllm: 'meta-llama/Llama-3.1-8B-Instruct',
  ollama: 'qwen3:0.6b',
};
const KEYLESS = new Set<ProviderFlavor>(['vllm', 'ollama']);

function targetFor(flavor: Exclude<ProviderFlavor, 'generic'>): Target {
  const apiKey = KEYLESS.has(flavor) ? '' : `sk-test-${flavor}-0000`;
  return { provider: 'openai-compatible', flavor, baseURL: BASE_URLS[flavor], model: MODELS[flavor], apiKey };
}

for (const flavor of ['deepseek', 'mistral', 'qwen', 'vllm', 'ollama'] as const) {
  runProviderContract({
    name: `openai-compatible/${flavor}`,
    adapter: getAdapter('openai-compatible', flavor),
    target: targetFor(flavor),
    fixtures: fileURLToPath(new URL(`./fixtures/${flavor}/`, import.meta.url)),
  });
}

// The generic flavor serves any OpenAI-speaking server (Groq, LM Studio, llama.cpp, …). Its
// fixtures are Groq streams; its reply and error shapes are OpenAI's, covered by the openai contract.
runProviderContract({
  name: 'openai-compatible/generic',
  adapter: getAdapter('openai-compatible', 'generic'),
  target: { provider: 'openai-compatible', flavor: 'generic', baseURL: 'https://api.groq.com/openai/v1', model: 'openai/gpt-oss-120b', apiKey: 'gsk_test_0000' },
  fixtures: fileURLToPath(new URL('./fixtures/generic/', import.meta.url)),
  skip: [
    {
      reason: 'generic servers reply and fail in OpenAI shapes; the openai contract covers those fixtures',
      cases: [
        'response:text', 'response:tools', 'response:usage',
        'error:error-400', 'error:error-401', 'error:error-429', 'error:error-500', 'error:error-overloaded', 'error:context-length',
      ],
    },
  ],
});

describe('openai-compatible extras', () => {
  const request: ChatCompletionRequest = {
    model: 'chat-default',
    messages: [
      { role: 'developer', content: 'be brief' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello', reasoning_content: 'greet back' },
      { role: 'user', content: 'again' },
    ],
    max_completion_tokens: 10,
    seed: 3,
    user: 'u1',
    stream: true,
    stream_options: { include_usage: false },
  };
  const bodyFor = (flavor: ProviderFlavor) => {
    const target: Target = { provider: 'openai-compatible', flavor, baseURL: 'http://x/v1', model: 'm', apiKey: '' };
    return JSON.parse(getAdapter('openai-compatible', flavor).toUpstreamRequest(request, target).body) as Record<string, unknown>;
  };

  it.each([
    ['generic', { max_completion_tokens: 10, seed: 3, user: 'u1', stream_options: { include_usage: true } }],
    ['deepseek', { max_tokens: 10, seed: 3, user: 'u1', stream_options: { include_usage: true } }],
    ['mistral', { max_tokens: 10, random_seed: 3 }],
    ['qwen', { max_tokens: 10, seed: 3, stream_options: { include_usage: true } }],
    ['vllm', { max_completion_tokens: 10, seed: 3, stream_options: { include_usage: true } }],
    ['ollama', { max_tokens: 10, seed: 3, stream_options: { include_usage: true } }],
  ] as const)('the %s flavor spells the request fields its server accepts', (flavor, expected) => {
    const body = bodyFor(flavor);
    expect(body).toMatchObject(expected);
    if (flavor === 'mistral') expect(Object.keys(body)).not.toEqual(expect.arrayContaining(['stream_options', 'user', 'seed', 'max_completion_tokens']));
  });

  it('keeps the newer max_completion_tokens when a client sends both spellings to a max_tokens-only server', () => {
    const target: Target = { provider: 'openai-compatible', flavor: 'deepseek', baseURL: 'http://x', model: 'm', apiKey: '' };
    const both = { ...request, max_tokens: 99, max_completion_tokens: 10 };
    const body = JSON.parse(getAdapter('openai-compatible', 'deepseek').toUpstreamRequest(both, target).body) as Record<string, unknown>;
    expect([body.max_tokens, 'max_completion_tokens' in body]).toEqual([10, false]);
  });

  it.each(['generic', 'deepseek', 'mistral', 'qwen', 'vllm', 'ollama'] as const)('the %s flavor sends developer text as system', (flavor) => {
    const roles = (bodyFor(flavor).messages as { role: string }[]).map((m) => m.role);
    expect(roles).toEqual(['system', 'user', 'assistant', 'user']);
  });

  it.each([
    ['deepseek', true],
    ['qwen', true],
    ['vllm', true],
    ['mistral', false],
    ['ollama', false],
    ['generic', false],
  ] as const)('the %s flavor replays assistant reasoning_content: %s', (flavor, replays) => {
    const assistant = (bodyFor(flavor).messages as Record<string, unknown>[])[2];
    expect(assistant !== undefined && 'reasoning_content' in assistant).toBe(replays);
  });

  it('DeepSeek has no embeddings endpoint; the other flavors do', () => {
    expect(getAdapter('openai-compatible', 'deepseek').embeddings).toBeUndefined();
    expect(getAdapter('openai-compatible', 'mistral').embeddings).toBeDefined();
  });
});
