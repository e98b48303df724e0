import { OPENAI_QUIRKS, type OpenAIFamilyQuirks } from '../openai/index.js';

// Mistral (api.mistral.ai) validates strictly and answers unknown fields with 422, so the
// OpenAI spellings it lacks are renamed (`seed` is `random_seed`) or dropped. It sends usage on
// the last chunk without being asked, so `stream_options` is never sent. Streams carry whole
// tool calls without `index`/`type`, and Magistral content as typed parts (stream reader).
export const MISTRAL_QUIRKS: OpenAIFamilyQuirks = {
  ...OPENAI_QUIRKS,
  name: 'openai-compatible/mistral',
  renamedFields: { max_completion_tokens: 'max_tokens', seed: 'random_seed' },
  droppedFields: ['user', 'stream_options'],
  streamOptions: false,
  developerAsSystem: true,
};
