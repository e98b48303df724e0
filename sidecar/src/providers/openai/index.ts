// OpenAI itself, and the factory every OpenAI-compatible flavor is built with.

import type { ProviderAdapter } from '../adapter.js';
import { openAIFamilyEmbeddings } from './embeddings.js';
import { classifyOpenAIError } from './errors.js';
import { OPENAI_QUIRKS, type OpenAIFamilyQuirks } from './quirks.js';
import { toOpenAIFamilyRequest } from './request.js';
import { fromOpenAIResponse } from './response.js';
import { createOpenAIStreamTranslator } from './stream.js';

export function createOpenAIFamilyAdapter(quirks: OpenAIFamilyQuirks): ProviderAdapter {
  return {
    name: quirks.name,
    streamFraming: 'sse',
    toUpstreamRequest: (request, target) => toOpenAIFamilyRequest(request, target, quirks),
    fromUpstreamResponse: fromOpenAIResponse,
    createStreamTranslator: createOpenAIStreamTranslator,
    classifyError: classifyOpenAIError,
    embeddings: quirks.embeddings ? openAIFamilyEmbeddings : undefined,
  };
}

export const openAIAdapter: ProviderAdapter = createOpenAIFamilyAdapter(OPENAI_QUIRKS);

export { OPENAI_QUIRKS, type OpenAIFamilyQuirks } from './quirks.js';
export { toOpenAIFamilyBody, bearerHeaders } from './request.js';
export { fromOpenAIResponse } from './response.js';
export { createOpenAIStreamTranslator } from './stream.js';
export { classifyOpenAIError, readOpenAIErrorFacts } from './errors.js';
export { createFamilyEmbeddings } from './embeddings.js';
