import type { JsonRecord } from '../narrow.js';
import { splitFragments, splitWords } from '../tokens.js';
import { fullUsage, inputUsage, type AnswerBlock, type MessageAnswer } from './answer.js';
import { eventFrame, pingFrame } from './wire.js';

// Event order: message_start (provisional output_tokens), per block start/deltas/stop with a
// ping after the first block start, message_delta (stop_reason + cumulative usage), message_stop.

type NamedEvent = [name: string, data: JsonRecord];

function startBlock(block: AnswerBlock): JsonRecord {
  if (block.type === 'text') return { type: 'text', text: '' };
  return { type: 'tool_use', id: block.id, name: block.name, input: {}, caller: { type: 'direct' } };
}

/** Text streams in word pairs; tool input as `""` and then fragments that split JSON anywhere. */
function blockDeltas(block: AnswerBlock): JsonRecord[] {
  if (block.type === 'text') {
    const words = splitWords(block.text);
    const pairs: string[] = [];
    for (let i = 0; i < words.length; i += 2) pairs.push(words.slice(i, i + 2).join(''));
    return pairs.map((text) => ({ type: 'text_delta', text }));
  }
  const fragments = block.inputJson === '{}' ? [] : splitFragments(block.inputJson, 5);
  return ['', ...fragments].map((partial_json) => ({ type: 'input_json_delta', partial_json }));
}

function blockEvents(block: AnswerBlock, index: number): NamedEvent[] {
  return [
    ['content_block_start', { type: 'content_block_start', index, content_block: startBlock(block) }],
    ...blockDeltas(block).map((delta): NamedEvent => ['content_block_delta', { type: 'content_block_delta', index, delta }]),
    ['content_block_stop', { type: 'content_block_stop', index }],
  ];
}

export function messageFrames(answer: MessageAnswer): string[] {
  const start = { model: answer.model, id: answer.id, type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, stop_details: null, usage: fullUsage(answer, 1) };
  const events: NamedEvent[] = [
    ['message_start', { type: 'message_start', message: start }],
    ...answer.blocks.flatMap(blockEvents),
    ['message_delta', { type: 'message_delta', delta: { stop_reason: answer.stopReason, stop_sequence: null, stop_details: null }, usage: { ...inputUsage(answer), output_tokens: answer.outputTokens } }],
    ['message_stop', { type: 'message_stop' }],
  ];
  const frames = events.map(([name, data], ordinal) => eventFrame(name, data, ordinal));
  frames.splice(2, 0, pingFrame);
  return frames;
}
