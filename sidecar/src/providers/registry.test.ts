import { describe, expect, it } from '@jest/globals';
import { adapterFor, getAdapter } from './registry.js';

describe('provider registry', () => {
  it.each([
    ['openai', undefined, 'openai', true],
    ['azure-openai', undefined, 'azure-openai', true],
    ['anthropic', undefined, 'anthropic', false],
    ['gemini', undefined, 'gemini', true],
    ['openai-compatible', undefined, 'openai-compatible/generic', true],
    ['openai-compatible', 'deepseek', 'openai-compatible/deepseek', false],
    ['openai-compatible', 'qwen', 'openai-compatible/qwen', true],
    ['openai-compatible', 'mistral', 'openai-compatible/mistral', true],
    ['openai-compatible', 'vllm', 'openai-compatible/vllm', true],
    ['openai-compatible', 'ollama', 'openai-compatible/ollama', true],
  ] as const)('maps %s/%s to the %s adapter (embeddings: %s)', (provider, flavor, name, embeddings) => {
    const adapter = getAdapter(provider, flavor);
    expect(adapter.name).toBe(name);
    expect(adapter.embeddings !== undefined).toBe(embeddings);
    expect(adapter.streamFraming).toBe('sse');
    expect(adapterFor({ provider, ...(flavor === undefined ? {} : { flavor }) })).toBe(adapter);
  });
});
