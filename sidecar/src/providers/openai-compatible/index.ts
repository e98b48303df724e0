// The OpenAI-compatible family: one adapter per flavor, all built from the OpenAI translators
// with the flavor's request quirks.

import type { ProviderFlavor } from '@switchyard/contract';
import type { ProviderAdapter } from '../adapter.js';
import { createOpenAIFamilyAdapter, OPENAI_QUIRKS, type OpenAIFamilyQuirks } from '../openai/index.js';
import { DEEPSEEK_QUIRKS } from './deepseek.js';
import { MISTRAL_QUIRKS } from './mistral.js';
import { OLLAMA_QUIRKS } from './ollama.js';
import { QWEN_QUIRKS } from './qwen.js';
import { VLLM_QUIRKS } from './vllm.js';

// An unknown server speaking "OpenAI": keep the body as sent, but use `system` for
// `developer`, which most servers predate.
export const GENERIC_QUIRKS: OpenAIFamilyQuirks = {
  ...OPENAI_QUIRKS,
  name: 'openai-compatible/generic',
  developerAsSystem: true,
};

const QUIRKS_BY_FLAVOR: Readonly<Record<ProviderFlavor, OpenAIFamilyQuirks>> = {
  generic: GENERIC_QUIRKS,
  deepseek: DEEPSEEK_QUIRKS,
  qwen: QWEN_QUIRKS,
  mistral: MISTRAL_QUIRKS,
  vllm: VLLM_QUIRKS,
  ollama: OLLAMA_QUIRKS,
};

export const compatibleAdapters: Readonly<Record<ProviderFlavor, ProviderAdapter>> = {
  generic: createOpenAIFamilyAdapter(QUIRKS_BY_FLAVOR.generic),
  deepseek: createOpenAIFamilyAdapter(QUIRKS_BY_FLAVOR.deepseek),
  qwen: createOpenAIFamilyAdapter(QUIRKS_BY_FLAVOR.qwen),
  mistral: createOpenAIFamilyAdapter(QUIRKS_BY_FLAVOR.mistral),
  vllm: createOpenAIFamilyAdapter(QUIRKS_BY_FLAVOR.vllm),
  ollama: createOpenAIFamilyAdapter(QUIRKS_BY_FLAVOR.ollama),
};
