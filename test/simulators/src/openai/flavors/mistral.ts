import { mintToken } from '../../ids.js';
import type { JsonRecord } from '../../narrow.js';
import type { Plan } from '../../reply.js';
import { completionTokens, compact, finishReason, replyContent, textPieces, type ChatRender, type Flavor } from '../render.js';

// Mistral: 32-hex ids, no logprobs/system_fingerprint on text chunks, usage (prompt, total,
// completion order) on the last chunk without being asked, and a tool call delivered whole in one
// chunk with `id` and `function` but no `index` or `type` (the non-streamed call keeps `type`).

function usage(plan: Plan): JsonRecord {
  const completion = completionTokens(plan);
  return { prompt_tokens: plan.inputTokens, total_tokens: plan.inputTokens + completion, completion_tokens: completion };
}

function chunk(r: ChatRender, choice: JsonRecord, withUsage: boolean): JsonRecord {
  const out: JsonRecord = { id: r.id, object: 'chat.completion.chunk', created: r.created, model: r.model, choices: [choice] };
  if (withUsage) out['usage'] = usage(r.plan);
  return out;
}

export const mistralFlavor: Flavor = {
  name: 'mistral',
  reasoning: false,
  completionId: (seq) => mintToken('mistral', seq, 32, '0123456789abcdef'),
  callId: (seq) => mintToken('mistral-call', seq, 9),
  completion: (r) => {
    const calls = r.plan.reply.kind === 'tool_call' ? [{ id: r.callId, type: 'function', function: { name: r.plan.reply.name, arguments: r.plan.reply.argumentsJson }, index: 0 }] : null;
    return {
      id: r.id,
      created: r.created,
      model: r.model,
      usage: usage(r.plan),
      object: 'chat.completion',
      choices: [{ index: 0, finish_reason: finishReason(r.plan), message: { role: 'assistant', tool_calls: calls, content: replyContent(r.plan) ?? '' } }],
    };
  },
  serializeCompletion: compact,
  chunks: (r) => {
    const plan = r.plan;
    const first = chunk(r, { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }, false);
    if (plan.reply.kind === 'tool_call') {
      const call = { id: r.callId, function: { name: plan.reply.name, arguments: plan.reply.argumentsJson } };
      return [first, chunk(r, { index: 0, delta: { content: null, tool_calls: [call] }, finish_reason: 'tool_calls', logprobs: null }, true)];
    }
    const pieces = textPieces(plan).map((content) => chunk(r, { index: 0, delta: { content }, finish_reason: null }, false));
    return [first, ...pieces, chunk(r, { index: 0, delta: { content: '' }, finish_reason: finishReason(plan) }, true)];
  },
  serializeChunk: compact,
};
