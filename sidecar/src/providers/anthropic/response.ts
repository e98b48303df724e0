// Anthropic message → canonical completion. Text blocks join into `content`, `tool_use` blocks
// become tool calls with JSON-string arguments, `thinking` blocks become `reasoning_content`.
// Server-side tool blocks (web search) have no OpenAI equivalent and are left out.

import { GatewayError } from '../../errors/index.js';
import { isRecord, readRecord, readString } from '../../openai/index.js';
import type { ChatCompletion, ResponseContext, ResponseMessage, ToolCall } from '../../openai/index.js';
import { toFinishReason } from './finish.js';
import { toOpenAIUsage } from './usage.js';

export function fromAnthropicResponse(body: unknown, ctx: ResponseContext): ChatCompletion {
  if (!isRecord(body) || !Array.isArray(body.content)) {
    throw new GatewayError('upstream_invalid_response', 'The upstream reply is not an Anthropic message.');
  }
  const blocks = body.content.filter(isRecord);
  const text = blocks.map((block) => (block.type === 'text' ? (readString(block, 'text') ?? '') : '')).join('');
  const reasoning = blocks.map((block) => (block.type === 'thinking' ? (readString(block, 'thinking') ?? '') : '')).join('');
  const toolCalls = blocks.filter((block) => block.type === 'tool_use').map(toToolCall);
  const message: ResponseMessage = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    ...(reasoning === '' ? {} : { reasoning_content: reasoning }),
    ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
  };
  const usage = readRecord(body, 'usage');
  return {
    id: readString(body, 'id') ?? `chatcmpl-${ctx.requestId}`,
    object: 'chat.completion',
    created: ctx.created,
    model: readString(body, 'model') ?? ctx.model,
    choices: [{ index: 0, message, finish_reason: toFinishReason(readString(body, 'stop_reason')), logprobs: null }],
    ...(usage === undefined ? {} : { usage: toOpenAIUsage(usage) }),
  };
}

function toToolCall(block: Record<string, unknown>): ToolCall {
  return {
    id: readString(block, 'id') ?? '',
    type: 'function',
    function: { name: readString(block, 'name') ?? '', arguments: JSON.stringify(isRecord(block.input) ? block.input : {}) },
  };
}
