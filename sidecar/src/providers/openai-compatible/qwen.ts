import { OPENAI_QUIRKS, type OpenAIFamilyQuirks } from '../openai/index.js';

// Qwen on DashScope compatible mode: `max_tokens` only; no `developer` role; reasoning as
// `reasoning_content`; continuation tool deltas repeat `id:""` and `type` (normalised in the
// stream reader); usage comes in a separate `choices:[]` chunk like OpenAI's.
export const QWEN_QUIRKS: OpenAIFamilyQuirks = {
  ...OPENAI_QUIRKS,
  name: 'openai-compatible/qwen',
  renamedFields: { max_completion_tokens: 'max_tokens' },
  developerAsSystem: true,
  replaysReasoning: true,
};
