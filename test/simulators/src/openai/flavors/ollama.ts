import { mintToken } from '../../ids.js';
import type { JsonRecord } from '../../narrow.js';
import { basicUsage, compact, finishReason, reasoningPieces, replyContent, textPieces, wholeToolCall, type ChatRender, type Flavor } from '../render.js';

// Ollama's OpenAI-compatible layer: short ids (`chatcmpl-150`), `fp_ollama`, thinking in
// `reasoning`, `role` repeated on every delta, and tool calls delivered whole.

function chunk(r: ChatRender, choices: JsonRecord[]): JsonRecord {
  return { id: r.id, object: 'chat.completion.chunk', created: r.created, model: r.model, system_fingerprint: 'fp_ollama', choices };
}

function deltas(r: ChatRender): JsonRecord[] {
  const plan = r.plan;
  const thinking = reasoningPieces(plan).map((reasoning) => ({ role: 'assistant', content: '', reasoning }));
  const call = wholeToolCall(plan, r.callId);
  if (call !== undefined) return [...thinking, { role: 'assistant', content: '', tool_calls: [{ ...call, index: 0 }] }];
  return [...thinking, ...textPieces(plan).map((content) => ({ role: 'assistant', content }))];
}

export const ollamaFlavor: Flavor = {
  name: 'ollama',
  reasoning: true,
  completionId: (seq) => `chatcmpl-${seq}`,
  callId: (seq) => `call_${mintToken('call', seq, 8, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
  completion: (r) => {
    const message: JsonRecord = { role: 'assistant', content: replyContent(r.plan) ?? '', reasoning: r.plan.reasoning };
    const call = wholeToolCall(r.plan, r.callId);
    if (call !== undefined) message['tool_calls'] = [{ ...call, index: 0 }];
    return {
      id: r.id,
      object: 'chat.completion',
      created: r.created,
      model: r.model,
      system_fingerprint: 'fp_ollama',
      choices: [{ index: 0, message, finish_reason: finishReason(r.plan) }],
      usage: basicUsage(r.plan),
    };
  },
  serializeCompletion: compact,
  chunks: (r) => {
    const all = [...deltas(r), { role: 'assistant', content: '' }];
    const last = all.length - 1;
    const chunks = all.map((delta, i) => chunk(r, [{ index: 0, delta, finish_reason: i === last ? finishReason(r.plan) : null }]));
    if (r.includeUsage) chunks.push({ ...chunk(r, []), usage: basicUsage(r.plan) });
    return chunks;
  },
  serializeChunk: compact,
};
