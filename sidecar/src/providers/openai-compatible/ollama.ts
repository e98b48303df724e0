import { OPENAI_QUIRKS, type OpenAIFamilyQuirks } from '../openai/index.js';

// Ollama's OpenAI-compatible layer (/v1): `max_tokens` only; thinking text arrives as
// `reasoning` (not `reasoning_content`) and passes through untouched; keyless by default.
// Its native /api/chat streams NDJSON (sse/ndjson.ts) but the gateway talks to /v1.
export const OLLAMA_QUIRKS: OpenAIFamilyQuirks = {
  ...OPENAI_QUIRKS,
  name: 'openai-compatible/ollama',
  renamedFields: { max_completion_tokens: 'max_tokens' },
  developerAsSystem: true,
};
