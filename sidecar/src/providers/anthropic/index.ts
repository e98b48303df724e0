// Anthropic Messages API. No embeddings endpoint.

import type { ProviderAdapter } from '../adapter.js';
import { classifyAnthropicError } from './errors.js';
import { toAnthropicRequest } from './request.js';
import { fromAnthropicResponse } from './response.js';
import { createAnthropicStreamTranslator } from './stream.js';

export const anthropicAdapter: ProviderAdapter = {
  name: 'anthropic',
  streamFraming: 'sse',
  toUpstreamRequest: toAnthropicRequest,
  fromUpstreamResponse: fromAnthropicResponse,
  createStreamTranslator: createAnthropicStreamTranslator,
  classifyError: classifyAnthropicError,
  embeddings: undefined,
};
