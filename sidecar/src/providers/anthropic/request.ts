// Canonical → Anthropic Messages request.

import { GatewayError } from '../../errors/index.js';
import { requestedMaxTokens, stopSequences, type ChatCompletionRequest, type FunctionTool } from '../../openai/index.js';
import type { Target, UpstreamRequest } from '../adapter.js';
import { joinURL, postJson, versionedRoot } from '../http.js';
import { toAnthropicConversation } from './messages.js';
import { ANTHROPIC_VERSION, type AnthropicRequest, type AnthropicTool, type AnthropicToolChoice } from './wire.js';

// Used when neither the client nor the model's capabilities give an output cap; Anthropic
// rejects requests without max_tokens.
export const DEFAULT_MAX_TOKENS = 4096;

export function toAnthropicRequest(request: ChatCompletionRequest, target: Target): UpstreamRequest {
  rejectUnsupported(request);
  const { system, messages } = toAnthropicConversation(request.messages);
  const stop = stopSequences(request);
  const body: AnthropicRequest = {
    model: target.model,
    max_tokens: requestedMaxTokens(request) ?? target.maxOutputTokens ?? DEFAULT_MAX_TOKENS,
    messages,
    ...(system.length === 0 ? {} : { system }),
    ...toolFields(request),
    // Anthropic's temperature range is 0–1; OpenAI's is 0–2.
    ...(typeof request.temperature === 'number' ? { temperature: Math.min(request.temperature, 1) } : {}),
    ...(typeof request.top_p === 'number' ? { top_p: request.top_p } : {}),
    ...(stop === undefined ? {} : { stop_sequences: stop }),
    ...(request.stream === true ? { stream: true } : {}),
    ...(request.user === undefined ? {} : { metadata: { user_id: request.user } }),
  };
  const headers = { 'x-api-key': target.apiKey, 'anthropic-version': ANTHROPIC_VERSION };
  return postJson(joinURL(versionedRoot(target.baseURL, 'v1'), 'messages'), headers, body);
}

function rejectUnsupported(request: ChatCompletionRequest): void {
  if (typeof request.n === 'number' && request.n > 1) {
    throw new GatewayError('unsupported', 'Anthropic models return one choice; n must be 1.', { param: 'n' });
  }
  // json_object needs no translation: OpenAI already requires the prompt to ask for JSON.
  if (request.response_format?.type === 'json_schema') {
    throw new GatewayError('unsupported', 'This route does not support response_format json_schema.', { param: 'response_format' });
  }
}

function toolFields(request: ChatCompletionRequest): Pick<AnthropicRequest, 'tools' | 'tool_choice'> {
  if (request.tools === undefined || request.tools.length === 0) return {};
  const choice = toolChoice(request);
  return { tools: request.tools.map(toAnthropicTool), ...(choice === undefined ? {} : { tool_choice: choice }) };
}

function toAnthropicTool(tool: FunctionTool): AnthropicTool {
  const { name, description, parameters } = tool.function;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    input_schema: parameters ?? { type: 'object', properties: {} },
  };
}

function toolChoice(request: ChatCompletionRequest): AnthropicToolChoice | undefined {
  const serial = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.tool_choice;
  if (choice === undefined) return request.parallel_tool_calls === false ? { type: 'auto', ...serial } : undefined;
  if (choice === 'auto') return { type: 'auto', ...serial };
  if (choice === 'required') return { type: 'any', ...serial };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.function.name, ...serial };
}
