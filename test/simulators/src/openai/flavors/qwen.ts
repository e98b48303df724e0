import { mintToken, mintUuid } from '../../ids.js';
import type { JsonRecord } from '../../narrow.js';
import type { Plan } from '../../reply.js';
import { argumentFragments, basicUsage, compact, finishReason, replyContent, textPieces, type ChatRender, type Flavor } from '../render.js';

// DashScope compatible mode (Qwen): continuation tool deltas repeat `id: ""` and `type`, an extra
// empty-arguments delta without a finish_reason key, usage in a separate `choices: []` chunk, and
// `choices` first in every object.

function usage(plan: Plan): JsonRecord {
  return { ...basicUsage(plan), prompt_tokens_details: { cached_tokens: 0 } };
}

function chunk(r: ChatRender, choices: JsonRecord[], usageValue: JsonRecord | null): JsonRecord {
  return { choices, object: 'chat.completion.chunk', usage: usageValue, created: r.created, system_fingerprint: null, model: r.model, id: r.id };
}

function open(delta: JsonRecord): JsonRecord {
  return { delta, finish_reason: null, index: 0, logprobs: null };
}

function choices(r: ChatRender): JsonRecord[] {
  const plan = r.plan;
  if (plan.reply.kind === 'text') {
    return [open({ content: '', role: 'assistant' }), ...textPieces(plan).map((content) => open({ content }))];
  }
  const first = { index: 0, id: r.callId, type: 'function', function: { name: plan.reply.name, arguments: '' } };
  const fragments = argumentFragments(plan.reply.argumentsJson).map((fragment) =>
    open({ content: null, tool_calls: [{ index: 0, id: '', type: 'function', function: { arguments: fragment } }] }),
  );
  const trailer = { delta: { tool_calls: [{ function: { arguments: '' }, index: 0, id: '', type: 'function' }] }, index: 0 };
  return [open({ content: null, tool_calls: [first], role: 'assistant' }), ...fragments, trailer];
}

export const qwenFlavor: Flavor = {
  name: 'qwen',
  reasoning: false,
  completionId: (seq) => `chatcmpl-${mintUuid('qwen', seq)}`,
  callId: (seq) => `call_${mintToken('call', seq, 24, '0123456789abcdef')}`,
  completion: (r) => {
    const message: JsonRecord = { content: replyContent(r.plan) ?? '', role: 'assistant' };
    if (r.plan.reply.kind === 'tool_call') {
      message['tool_calls'] = [{ function: { arguments: r.plan.reply.argumentsJson, name: r.plan.reply.name }, id: r.callId, index: 0, type: 'function' }];
    }
    return {
      choices: [{ message, finish_reason: finishReason(r.plan), index: 0, logprobs: null }],
      object: 'chat.completion',
      usage: usage(r.plan),
      created: r.created,
      system_fingerprint: null,
      model: r.model,
      id: r.id,
    };
  },
  serializeCompletion: compact,
  chunks: (r) => {
    const finish = { finish_reason: finishReason(r.plan), delta: {}, index: 0, logprobs: null };
    const chunks = [...choices(r), finish].map((choice) => chunk(r, [choice], null));
    if (r.includeUsage) chunks.push(chunk(r, [], usage(r.plan)));
    return chunks;
  },
  serializeChunk: compact,
};
