// Gemini generateContent reply → canonical completion.

import { GatewayError } from '../../errors/index.js';
import { isRecord, readRecord, readString } from '../../openai/index.js';
import type { ChatCompletion, ChatCompletionChoice, ResponseContext, ToolCall } from '../../openai/index.js';
import { toFinishReason } from './finish.js';
import { argumentsJson, readCandidateParts, readCandidates } from './parts.js';
import { mintToolCallId } from './tool-ids.js';
import { toOpenAIUsage } from './usage.js';

export function fromGeminiResponse(body: unknown, ctx: ResponseContext): ChatCompletion {
  if (!isRecord(body)) throw new GatewayError('upstream_invalid_response', 'The upstream reply is not a Gemini response.');
  const responseId = readString(body, 'responseId') ?? ctx.requestId;
  let ordinal = 0;
  const choices = readCandidates(body).map(({ index, candidate }): ChatCompletionChoice => {
    const parts = readCandidateParts(candidate);
    const text = parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
    const reasoning = parts.map((p) => (p.kind === 'reasoning' ? p.text : '')).join('');
    const toolCalls = parts.flatMap((p): ToolCall[] =>
      p.kind === 'call'
        ? [{ id: mintToolCallId(responseId, ordinal++, p.id, p.signature), type: 'function', function: { name: p.name, arguments: argumentsJson(p.args) } }]
        : [],
    );
    return {
      index,
      message: {
        role: 'assistant',
        content: text === '' && toolCalls.length > 0 ? null : text,
        ...(reasoning === '' ? {} : { reasoning_content: reasoning }),
        ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
      },
      finish_reason: toFinishReason(readString(candidate, 'finishReason') ?? 'STOP', toolCalls.length > 0),
      logprobs: null,
    };
  });
  const usage = readRecord(body, 'usageMetadata');
  return {
    id: responseId,
    object: 'chat.completion',
    created: ctx.created,
    model: readString(body, 'modelVersion') ?? ctx.model,
    choices: choices.length > 0 || !isBlocked(body) ? choices : [blockedChoice()],
    ...(usage === undefined ? {} : { usage: toOpenAIUsage(usage) }),
  };
}

/** A prompt blocked by safety settings gets no candidates, only promptFeedback.blockReason. */
export function isBlocked(body: Record<string, unknown>): boolean {
  return readString(readRecord(body, 'promptFeedback') ?? {}, 'blockReason') !== undefined;
}

function blockedChoice(): ChatCompletionChoice {
  return { index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter', logprobs: null };
}
