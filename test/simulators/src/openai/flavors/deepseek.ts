import { mintToken, mintUuid } from '../../ids.js';
import type { JsonRecord } from '../../narrow.js';
import type { Plan } from '../../reply.js';
import { basicUsage, compact, finishReason, reasoningPieces, replyContent, textPieces, type ChatRender, type Flavor } from '../render.js';

// DeepSeek: UUID ids, `reasoning_content` deltas (with `content: null`) before the answer, tool
// arguments as "" then the whole string, and usage on the finish_reason chunk rather than in a
// separate `choices: []` chunk.

const fingerprint = 'fp_sim0000001_prod0820_fp8_kvcache';

function usage(plan: Plan): JsonRecord {
  return {
    ...basicUsage(plan),
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: plan.reasoningTokens },
    prompt_cache_hit_tokens: 0,
    prompt_cache_miss_tokens: plan.inputTokens,
  };
}

function deltas(r: ChatRender): JsonRecord[] {
  const plan = r.plan;
  const out: JsonRecord[] = [{ role: 'assistant', content: null, reasoning_content: '' }];
  out.push(...reasoningPieces(plan).map((reasoning_content) => ({ content: null, reasoning_content })));
  if (plan.reply.kind === 'text') return [...out, ...textPieces(plan).map((content) => ({ content, reasoning_content: null }))];
  const first = { index: 0, id: r.callId, type: 'function', function: { name: plan.reply.name, arguments: '' } };
  return [...out, { tool_calls: [first] }, { tool_calls: [{ index: 0, function: { arguments: plan.reply.argumentsJson } }] }];
}

export const deepseekFlavor: Flavor = {
  name: 'deepseek',
  reasoning: true,
  completionId: (seq) => mintUuid('deepseek', seq),
  callId: (seq) => `call_00_${mintToken('call', seq, 24)}`,
  completion: (r) => {
    const message: JsonRecord = { role: 'assistant', content: replyContent(r.plan) ?? '', reasoning_content: r.plan.reasoning };
    if (r.plan.reply.kind === 'tool_call') {
      message['tool_calls'] = [{ index: 0, id: r.callId, type: 'function', function: { name: r.plan.reply.name, arguments: r.plan.reply.argumentsJson } }];
    }
    return {
      id: r.id,
      object: 'chat.completion',
      created: r.created,
      model: r.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(r.plan) }],
      usage: usage(r.plan),
      system_fingerprint: fingerprint,
    };
  },
  serializeCompletion: compact,
  chunks: (r) => {
    const all = [...deltas(r), { content: '', reasoning_content: null }];
    const last = all.length - 1;
    return all.map((delta, i) => ({
      id: r.id,
      object: 'chat.completion.chunk',
      created: r.created,
      model: r.model,
      system_fingerprint: fingerprint,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: i === last ? finishReason(r.plan) : null }],
      usage: i === last && r.includeUsage ? usage(r.plan) : null,
    }));
  },
  serializeChunk: compact,
};
