// provider + flavor → adapter. Adding a provider is one folder and one row here.

import type { ProviderFlavor, ProviderType } from '@switchyard/contract';
import type { ProviderAdapter, Target } from './adapter.js';
import { anthropicAdapter } from './anthropic/index.js';
import { azureOpenAIAdapter } from './azure-openai/index.js';
import { geminiAdapter } from './gemini/index.js';
import { compatibleAdapters } from './openai-compatible/index.js';
import { openAIAdapter } from './openai/index.js';

const ADAPTERS: Readonly<Record<Exclude<ProviderType, 'openai-compatible'>, ProviderAdapter>> = {
  openai: openAIAdapter,
  'azure-openai': azureOpenAIAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
};

/** @example adapterFor({ provider: 'openai-compatible', flavor: 'mistral' }).name // 'openai-compatible/mistral' */
export function adapterFor(target: Pick<Target, 'provider' | 'flavor'>): ProviderAdapter {
  return getAdapter(target.provider, target.flavor);
}

export function getAdapter(provider: ProviderType, flavor: ProviderFlavor = 'generic'): ProviderAdapter {
  return provider === 'openai-compatible' ? compatibleAdapters[flavor] : ADAPTERS[provider];
}
