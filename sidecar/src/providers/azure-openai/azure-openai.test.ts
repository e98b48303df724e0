import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { ChatCompletionRequest } from '../../openai/index.js';
import type { Target } from '../adapter.js';
import { runProviderContract } from '../contract.suite.js';
import { azureOpenAIAdapter } from './index.js';
import { DEFAULT_AZURE_API_VERSION } from './request.js';

const target: Target = {
  provider: 'azure-openai',
  baseURL: 'https://switchyard-test.openai.azure.com',
  model: 'gpt-4o-mini',
  deployment: 'gpt4o-mini-eu',
  apiVersion: '2024-10-21',
  apiKey: 'az-test-key-00000000000000000000',
};

runProviderContract({ name: 'azure-openai', adapter: azureOpenAIAdapter, target, fixtures: fileURLToPath(new URL('./fixtures/', import.meta.url)) });

describe('azure-openai extras', () => {
  const request: ChatCompletionRequest = { model: 'chat-default', messages: [{ role: 'user', content: 'hi' }] };

  it.each([
    ['a host root gains /openai', 'https://r.openai.azure.com', 'https://r.openai.azure.com/openai/deployments/gpt4o-mini-eu/chat/completions?api-version=2024-10-21'],
    ['a root that already ends in /openai is kept', 'https://r.openai.azure.com/openai/', 'https://r.openai.azure.com/openai/deployments/gpt4o-mini-eu/chat/completions?api-version=2024-10-21'],
  ])('%s', (_sentence, baseURL, url) => {
    expect(azureOpenAIAdapter.toUpstreamRequest(request, { ...target, baseURL }).url).toBe(url);
  });

  it('falls back to the model name and a GA api-version when the target names neither', () => {
    const bare: Target = { provider: 'azure-openai', baseURL: 'https://r.openai.azure.com', model: 'gpt-4o', apiKey: 'k' };
    expect(azureOpenAIAdapter.toUpstreamRequest(request, bare).url).toBe(
      `https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=${DEFAULT_AZURE_API_VERSION}`,
    );
  });

  it('sends no model in the body and authenticates with api-key only', () => {
    const upstream = azureOpenAIAdapter.toUpstreamRequest(request, target);
    expect(JSON.parse(upstream.body)).not.toHaveProperty('model');
    expect(upstream.headers).toEqual({ 'content-type': 'application/json', 'api-key': target.apiKey });
  });
});
