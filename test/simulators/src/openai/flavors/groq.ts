import { mintToken, mintUuid } from '../../ids.js';
import type { JsonRecord } from '../../narrow.js';
import type { Plan } from '../../reply.js';
import { basicUsage, compact, finishReason, replyContent, textPieces, wholeToolCall, type ChatRender, type Flavor } from '../render.js';

// Groq: `x_groq` with the request id on the first chunk and with timing-style usage on the last;
// tool calls delivered whole in one delta.

function usage(plan: Plan): JsonRecord {
  const u = basicUsage(plan);
  return { queue_time: 0.01, prompt_tokens: u['prompt_tokens'], prompt_time: 0.002, completion_tokens: u['completion_tokens'], completion_time: 0.05, total_tokens: u['total_tokens'], total_time: 0.052 };
}

function requestId(r: ChatRender): string {
  return `req_${mintToken('groq-req', r.seq, 26, '0123456789abcdefghjkmnpqrstvwxyz')}`;
}

function deltas(r: ChatRender): JsonRecord[] {
  const call = wholeToolCall(r.plan, r.callId);
  const first = { role: 'assistant', content: '' };
  if (call !== undefined) return [first, { tool_calls: [{ ...call, index: 0 }] }];
  return [first, ...textPieces(r.plan).map((content) => ({ content }))];
}

export const groqFlavor: Flavor = {
  name: 'groq',
  reasoning: false,
  completionId: (seq) => `chatcmpl-${mintUuid('groq', seq)}`,
  callId: (seq) => `call_${mintToken('call', seq, 24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
  completion: (r) => {
    const message: JsonRecord = { role: 'assistant', content: replyContent(r.plan) };
    const call = wholeToolCall(r.plan, r.callId);
    if (call !== undefined) message['tool_calls'] = [call];
    return {
      id: r.id,
      object: 'chat.completion',
      created: r.created,
      model: r.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(r.plan) }],
      usage: usage(r.plan),
      usage_breakdown: null,
      system_fingerprint: 'fp_sim00001',
      x_groq: { id: requestId(r) },
      service_tier: 'on_demand',
    };
  },
  serializeCompletion: compact,
  chunks: (r) => {
    const all = [...deltas(r), {}];
    const last = all.length - 1;
    return all.map((delta, i) => {
      const out: JsonRecord = {
        id: r.id,
        object: 'chat.completion.chunk',
        created: r.created,
        model: r.model,
        system_fingerprint: 'fp_sim00001',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: i === last ? finishReason(r.plan) : null }],
      };
      if (i === 0) out['x_groq'] = { id: requestId(r) };
      if (i === last) out['x_groq'] = { id: requestId(r), usage: usage(r.plan) };
      if (i === last && r.includeUsage) out['usage'] = usage(r.plan);
      return out;
    });
  },
  serializeChunk: compact,
};
