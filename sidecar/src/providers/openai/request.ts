// Canonical → OpenAI-family request. The body is the client's own object with the fewest
// possible changes, so fields the gateway does not know still reach the provider.

import type { ChatCompletionRequest, ChatMessage } from '../../openai/index.js';
import type { Target, UpstreamRequest } from '../adapter.js';
import { joinURL, postJson } from '../http.js';
import type { OpenAIFamilyQuirks } from './quirks.js';

export interface BodyOptions {
  /** Azure names the model in the URL (deployment) and wants none in the body. */
  readonly includeModel: boolean;
}

export function toOpenAIFamilyBody(
  request: ChatCompletionRequest,
  target: Target,
  quirks: OpenAIFamilyQuirks,
  options: BodyOptions,
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request, messages: request.messages.map((m) => toFamilyMessage(m, quirks)) };
  if (options.includeModel) body.model = target.model;
  else delete body.model;
  if (request.stream === true) {
    // Budgets need token counts for every stream, so usage is always requested upstream; the
    // stream translator drops the usage chunk again when the client did not ask for it.
    if (quirks.streamOptions) body.stream_options = { ...request.stream_options, include_usage: true };
    else delete body.stream_options;
  }
  // The canonical spelling wins when a client sends both (max_completion_tokens is the newer).
  for (const [from, to] of Object.entries(quirks.renamedFields)) {
    if (!(from in body)) continue;
    if (body[from] !== null && body[from] !== undefined) body[to] = body[from];
    delete body[from];
  }
  for (const field of quirks.droppedFields) delete body[field];
  return body;
}

function toFamilyMessage(message: ChatMessage, quirks: OpenAIFamilyQuirks): ChatMessage {
  if (message.role === 'developer' && quirks.developerAsSystem) return { ...message, role: 'system' };
  if (message.role === 'assistant' && !quirks.replaysReasoning && 'reasoning_content' in message) {
    const { reasoning_content: _dropped, ...rest } = message;
    return rest;
  }
  return message;
}

export function bearerHeaders(target: Target): Record<string, string> {
  return target.apiKey === '' ? {} : { authorization: `Bearer ${target.apiKey}` };
}

export function toOpenAIFamilyRequest(
  request: ChatCompletionRequest,
  target: Target,
  quirks: OpenAIFamilyQuirks,
): UpstreamRequest {
  const body = toOpenAIFamilyBody(request, target, quirks, { includeModel: true });
  return postJson(joinURL(target.baseURL, 'chat/completions'), bearerHeaders(target), body);
}
