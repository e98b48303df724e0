// Azure OpenAI. Replies and streams are OpenAI's, read by the OpenAI translators, which already
// tolerate Azure's additions: the leading `prompt_filter_results` chunk with `choices:[]`, the
// per-choice `content_filter_results`, and a content-filtered choice without `message`.

import type { ProviderAdapter } from '../adapter.js';
import { createFamilyEmbeddings, createOpenAIStreamTranslator, fromOpenAIResponse } from '../openai/index.js';
import { classifyAzureError } from './errors.js';
import { azureHeaders, azureURL, toAzureRequest } from './request.js';

export const azureOpenAIAdapter: ProviderAdapter = {
  name: 'azure-openai',
  streamFraming: 'sse',
  toUpstreamRequest: toAzureRequest,
  fromUpstreamResponse: fromOpenAIResponse,
  createStreamTranslator: createOpenAIStreamTranslator,
  classifyError: classifyAzureError,
  embeddings: createFamilyEmbeddings((target) => ({
    url: azureURL(target, 'embeddings'),
    headers: azureHeaders(target),
    includeModel: false,
  })),
};
