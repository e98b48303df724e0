import type { OpenAIFlavor } from '../../dialect.js';
import type { Flavor } from '../render.js';
import { azureFlavor } from './azure.js';
import { deepseekFlavor } from './deepseek.js';
import { groqFlavor } from './groq.js';
import { mistralFlavor } from './mistral.js';
import { ollamaFlavor } from './ollama.js';
import { openAIFlavor } from './openai.js';
import { qwenFlavor } from './qwen.js';

const flavors: Record<OpenAIFlavor, Flavor> = {
  openai: openAIFlavor,
  azure: azureFlavor,
  deepseek: deepseekFlavor,
  mistral: mistralFlavor,
  qwen: qwenFlavor,
  ollama: ollamaFlavor,
  groq: groqFlavor,
};

export function flavorNamed(name: OpenAIFlavor): Flavor {
  return flavors[name];
}
