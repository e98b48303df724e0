import { mintToken } from '../../ids.js';
import type { JsonRecord } from '../../narrow.js';
import type { Plan } from '../../reply.js';
import {
  argumentFragments,
  basicUsage,
  compact,
  finishReason,
  replyContent,
  textPieces,
  wholeToolCall,
  type ChatRender,
  type Flavor,
} from '../render.js';

// api.openai.com: pretty-printed completions with a trailing newline; chunks carry `usage: null`
// when usage was asked for, then a final `choices: []` usage chunk; `obfuscation` padding.

export function detailedUsage(plan: Plan): JsonRecord {
  return {
    ...basicUsage(plan),
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: plan.reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function openAIMessage(r: ChatRender): JsonRecord {
  const call = wholeToolCall(r.plan, r.callId);
  const message: JsonRecord = { role: 'assistant', content: replyContent(r.plan) };
  if (call !== undefined) message['tool_calls'] = [call];
  return { ...message, refusal: null, annotations: [] };
}

/** The delta sequence OpenAI itself sends: role first, then content or argument fragments. */
export function openAIDeltas(r: ChatRender): JsonRecord[] {
  const plan = r.plan;
  if (plan.reply.kind === 'text') {
    return [{ role: 'assistant', content: '', refusal: null }, ...textPieces(plan).map((content) => ({ content }))];
  }
  const first = { index: 0, id: r.callId, type: 'function', function: { name: plan.reply.name, arguments: '' } };
  const rest = argumentFragments(plan.reply.argumentsJson).map((fragment) => ({ tool_calls: [{ index: 0, function: { arguments: fragment } }] }));
  return [{ role: 'assistant', content: null, tool_calls: [first], refusal: null }, ...rest];
}

function chunk(r: ChatRender, choices: JsonRecord[], ordinal: number): JsonRecord {
  const out: JsonRecord = {
    id: r.id,
    object: 'chat.completion.chunk',
    created: r.created,
    model: r.model,
    service_tier: 'default',
    system_fingerprint: 'fp_sim0000001',
    choices,
  };
  if (r.includeUsage) out['usage'] = null;
  out['obfuscation'] = mintToken('obfuscation', r.seq * 1000 + ordinal, 1 + (ordinal % 12));
  return out;
}

export const openAIFlavor: Flavor = {
  name: 'openai',
  reasoning: false,
  completionId: (seq) => `chatcmpl-${mintToken('chatcmpl', seq, 29)}`,
  callId: (seq) => `call_${mintToken('call', seq, 24)}`,
  completion: (r) => ({
    id: r.id,
    object: 'chat.completion',
    created: r.created,
    model: r.model,
    choices: [{ index: 0, message: openAIMessage(r), logprobs: null, finish_reason: finishReason(r.plan) }],
    usage: detailedUsage(r.plan),
    service_tier: 'default',
    system_fingerprint: 'fp_sim0000001',
  }),
  serializeCompletion: (body) => `${JSON.stringify(body, null, 2)}\n`,
  chunks: (r) => {
    const deltas = [...openAIDeltas(r), {}];
    const chunks = deltas.map((delta, i) =>
      chunk(r, [{ index: 0, delta, logprobs: null, finish_reason: i === deltas.length - 1 ? finishReason(r.plan) : null }], i),
    );
    if (r.includeUsage) chunks.push({ ...chunk(r, [], deltas.length), usage: detailedUsage(r.plan) });
    return chunks;
  },
  serializeChunk: compact,
};
