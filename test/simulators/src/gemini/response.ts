import { mintToken } from '../ids.js';
import type { JsonRecord } from '../narrow.js';
import type { Plan } from '../reply.js';
import { estimateTokens, splitWords } from '../tokens.js';

// generateContent bodies: candidates[].content.parts, finishReason STOP even for function calls
// (MAX_TOKENS when cut), function calls whole with `args` objects and no ids, usageMetadata as a
// running total in every stream chunk.

export interface GenerateRender {
  model: string;
  plan: Plan;
  responseId: string;
}

export function responseIdFor(seq: number): string {
  return mintToken('gemini-response', seq, 23, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
}

function usage(plan: Plan, candidates: number): JsonRecord {
  return {
    promptTokenCount: plan.inputTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: plan.inputTokens + candidates,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: plan.inputTokens }],
  };
}

function finishReason(plan: Plan): string {
  return plan.reply.kind === 'text' && plan.reply.truncated ? 'MAX_TOKENS' : 'STOP';
}

function chunkBody(r: GenerateRender, parts: JsonRecord[], candidates: number, last: boolean): JsonRecord {
  const candidate: JsonRecord = { content: { parts, role: 'model' } };
  if (last) candidate['finishReason'] = finishReason(r.plan);
  candidate['index'] = 0;
  return { candidates: [candidate], usageMetadata: usage(r.plan, candidates), modelVersion: r.model, responseId: r.responseId };
}

function replyParts(plan: Plan): JsonRecord[] {
  if (plan.reply.kind === 'tool_call') return [{ functionCall: { name: plan.reply.name, args: plan.reply.arguments } }];
  return [{ text: plan.reply.text }];
}

export function generateBody(r: GenerateRender): JsonRecord {
  return chunkBody(r, replyParts(r.plan), r.plan.replyTokens, true);
}

/** Text in chunks of four words; a function call arrives whole in a single chunk. */
export function generateChunks(r: GenerateRender): JsonRecord[] {
  const reply = r.plan.reply;
  if (reply.kind === 'tool_call') return [generateBody(r)];
  const words = splitWords(reply.text);
  const chunks: JsonRecord[] = [];
  let sent = '';
  for (let i = 0; i < words.length; i += 4) {
    const text = words.slice(i, i + 4).join('');
    sent += text;
    chunks.push(chunkBody(r, [{ text }], estimateTokens(sent), i + 4 >= words.length));
  }
  return chunks;
}
