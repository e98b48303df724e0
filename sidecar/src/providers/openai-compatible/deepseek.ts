import { OPENAI_QUIRKS, type OpenAIFamilyQuirks } from '../openai/index.js';

// DeepSeek (api.deepseek.com): `max_tokens` only; no `developer` role; reasoning arrives as
// `reasoning_content` (passed through in deltas); usage rides on the finish_reason chunk with
// `prompt_cache_hit_tokens`; an empty balance is HTTP 402; no embeddings endpoint.
export const DEEPSEEK_QUIRKS: OpenAIFamilyQuirks = {
  ...OPENAI_QUIRKS,
  name: 'openai-compatible/deepseek',
  renamedFields: { max_completion_tokens: 'max_tokens' },
  developerAsSystem: true,
  replaysReasoning: true,
  embeddings: false,
};
