// OpenAI-family reply → canonical completion. Mostly pass-through; the tolerant parts: Azure
// omits `message` on a content-filtered choice, Mistral sends `tool_calls: null` and Magistral
// content as parts, DeepSeek adds its own cache counters to usage.

import { GatewayError } from '../../errors/index.js';
import { isRecord, readNumber, readString } from '../../openai/index.js';
import type { ChatCompletion, ChatCompletionChoice, ResponseContext, ResponseMessage } from '../../openai/index.js';
import { flattenContent } from './content-parts.js';
import { normalizeFamilyUsage } from './usage.js';

export function fromOpenAIResponse(body: unknown, ctx: ResponseContext): ChatCompletion {
  if (!isRecord(body) || !Array.isArray(body.choices)) {
    throw new GatewayError('upstream_invalid_response', 'The upstream reply is not a chat completion.');
  }
  const { usage: rawUsage, ...rest } = body;
  const usage = normalizeFamilyUsage(rawUsage);
  return {
    ...rest,
    id: readString(body, 'id') ?? `chatcmpl-${ctx.requestId}`,
    object: 'chat.completion',
    created: readNumber(body, 'created') ?? ctx.created,
    model: readString(body, 'model') ?? ctx.model,
    choices: body.choices.filter(isRecord).map(normalizeChoice),
    ...(usage === undefined ? {} : { usage }),
  };
}

function normalizeChoice(raw: Record<string, unknown>, position: number): ChatCompletionChoice {
  const message: ResponseMessage = isRecord(raw.message) ? normalizeMessage(raw.message) : { role: 'assistant', content: null };
  const finishReason = readString(raw, 'finish_reason');
  return {
    ...raw,
    index: readNumber(raw, 'index') ?? position,
    message,
    finish_reason: (finishReason ?? null) as ChatCompletionChoice['finish_reason'],
  };
}

function normalizeMessage(raw: Record<string, unknown>): ResponseMessage {
  const { tool_calls: toolCalls, ...rest } = flattenContent(raw);
  const content = rest.content;
  return {
    ...rest,
    role: 'assistant',
    content: typeof content === 'string' ? content : null,
    ...(Array.isArray(toolCalls) && toolCalls.length > 0 ? { tool_calls: toolCalls as ResponseMessage['tool_calls'] } : {}),
  };
}
