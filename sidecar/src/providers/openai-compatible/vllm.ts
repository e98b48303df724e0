import { OPENAI_QUIRKS, type OpenAIFamilyQuirks } from '../openai/index.js';

// vLLM's OpenAI server: accepts the OpenAI fields, but renders messages through the model's
// chat template, which rarely knows `developer`; reasoning parsers emit `reasoning_content`.
// Usually keyless (in-cluster), so no Authorization header when the key is empty.
export const VLLM_QUIRKS: OpenAIFamilyQuirks = {
  ...OPENAI_QUIRKS,
  name: 'openai-compatible/vllm',
  developerAsSystem: true,
  replaysReasoning: true,
};
