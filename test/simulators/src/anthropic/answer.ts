import type { Exchange } from '../conversation.js';
import { mintToken } from '../ids.js';
import type { JsonRecord } from '../narrow.js';
import type { Plan } from '../reply.js';
import { estimateTokens } from '../tokens.js';
import type { CacheUsage } from './cache.js';

const idAlphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export type AnswerBlock = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: JsonRecord; inputJson: string };

/** One Messages answer, shared by the JSON and the event-stream renderings. */
export interface MessageAnswer {
  id: string;
  model: string;
  blocks: AnswerBlock[];
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens';
  cache: CacheUsage;
  outputTokens: number;
}

/** With `tool_choice: auto` Claude usually says a few words before a tool call; forced calls do not. */
export function composeAnswer(exchange: Exchange, plan: Plan, cache: CacheUsage, seq: number): MessageAnswer {
  const base = { id: `msg_01${mintToken('msg', seq, 22, idAlphabet)}`, model: exchange.model, cache };
  const reply = plan.reply;
  if (reply.kind === 'text') {
    return { ...base, blocks: [{ type: 'text', text: reply.text }], stopReason: reply.truncated ? 'max_tokens' : 'end_turn', outputTokens: plan.replyTokens };
  }
  const toolUse: AnswerBlock = { type: 'tool_use', id: `toolu_01${mintToken('toolu', seq, 22, idAlphabet)}`, name: reply.name, input: reply.arguments, inputJson: reply.argumentsJson };
  if (exchange.toolChoice.mode !== 'auto') return { ...base, blocks: [toolUse], stopReason: 'tool_use', outputTokens: plan.replyTokens };
  const preamble = `I'll call ${reply.name}.`;
  return { ...base, blocks: [{ type: 'text', text: preamble }, toolUse], stopReason: 'tool_use', outputTokens: plan.replyTokens + estimateTokens(preamble) };
}

export function inputUsage(answer: MessageAnswer): JsonRecord {
  return {
    input_tokens: answer.cache.uncached,
    cache_creation_input_tokens: answer.cache.creation,
    cache_read_input_tokens: answer.cache.read,
  };
}

export function fullUsage(answer: MessageAnswer, outputTokens: number): JsonRecord {
  return {
    ...inputUsage(answer),
    cache_creation: { ephemeral_5m_input_tokens: answer.cache.creation, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
    inference_geo: 'not_available',
  };
}

export function blockJson(block: AnswerBlock): JsonRecord {
  if (block.type === 'text') return { type: 'text', text: block.text };
  return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
}

/** Model first, as the API orders it. */
export function messageJson(answer: MessageAnswer): JsonRecord {
  return {
    model: answer.model,
    id: answer.id,
    type: 'message',
    role: 'assistant',
    content: answer.blocks.map(blockJson),
    stop_reason: answer.stopReason,
    stop_sequence: null,
    stop_details: null,
    usage: fullUsage(answer, answer.outputTokens),
  };
}
