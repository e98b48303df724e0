// Gemini API (generativelanguage.googleapis.com, v1beta). Streams use alt=sse; the JSON-array
// form (no alt) is parsed by sse/json-array.ts and yields the same events.

import type { ProviderAdapter } from '../adapter.js';
import { geminiEmbeddings } from './embeddings.js';
import { classifyGeminiError } from './errors.js';
import { toGeminiRequest } from './request.js';
import { fromGeminiResponse } from './response.js';
import { createGeminiStreamTranslator } from './stream.js';

export const geminiAdapter: ProviderAdapter = {
  name: 'gemini',
  streamFraming: 'sse',
  toUpstreamRequest: toGeminiRequest,
  fromUpstreamResponse: fromGeminiResponse,
  createStreamTranslator: createGeminiStreamTranslator,
  classifyError: classifyGeminiError,
  embeddings: geminiEmbeddings,
};
