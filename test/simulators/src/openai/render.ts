import type { OpenAIFlavor } from '../dialect.js';
import type { JsonRecord } from '../narrow.js';
import type { Plan } from '../reply.js';
import { splitFragments, splitWords } from '../tokens.js';

/** Everything a flavor needs to render one chat answer. */
export interface ChatRender {
  seq: number;
  id: string;
  created: number;
  model: string;
  plan: Plan;
  includeUsage: boolean;
  callId: string;
}

/** One OpenAI-compatible provider's way of writing the same answer. */
export interface Flavor {
  name: OpenAIFlavor;
  /** Whether answers carry reasoning text (DeepSeek `reasoning_content`, Ollama `reasoning`). */
  reasoning: boolean;
  completionId(seq: number): string;
  callId(seq: number): string;
  completion(render: ChatRender): JsonRecord;
  serializeCompletion(body: JsonRecord): string;
  chunks(render: ChatRender): JsonRecord[];
  serializeChunk(chunk: JsonRecord): string;
}

export function finishReason(plan: Plan): 'tool_calls' | 'length' | 'stop' {
  if (plan.reply.kind === 'tool_call') return 'tool_calls';
  return plan.reply.truncated ? 'length' : 'stop';
}

export function completionTokens(plan: Plan): number {
  return plan.replyTokens + plan.reasoningTokens;
}

export function basicUsage(plan: Plan): JsonRecord {
  const completion = completionTokens(plan);
  return { prompt_tokens: plan.inputTokens, completion_tokens: completion, total_tokens: plan.inputTokens + completion };
}

export function textPieces(plan: Plan): string[] {
  return plan.reply.kind === 'text' ? splitWords(plan.reply.text) : [];
}

export function reasoningPieces(plan: Plan): string[] {
  return plan.reasoning === '' ? [] : splitWords(plan.reasoning);
}

/** Argument fragments as OpenAI streams them: short pieces that split JSON anywhere. */
export function argumentFragments(argumentsJson: string): string[] {
  return splitFragments(argumentsJson, 6);
}

export function replyContent(plan: Plan): string | null {
  return plan.reply.kind === 'text' ? plan.reply.text : null;
}

export function wholeToolCall(plan: Plan, callId: string): JsonRecord | undefined {
  if (plan.reply.kind !== 'tool_call') return undefined;
  return { id: callId, type: 'function', function: { name: plan.reply.name, arguments: plan.reply.argumentsJson } };
}

export function compact(body: JsonRecord): string {
  return JSON.stringify(body);
}
