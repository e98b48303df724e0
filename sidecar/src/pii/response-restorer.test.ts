import { describe, expect, it } from '@jest/globals';
import type { ChatCompletion, ChatCompletionChunk, ChunkDelta } from '../openai/index.js';
import { createPiiRestorer } from './response-restorer.js';

const restorer = createPiiRestorer(new Map([['[EMAIL_1]', 'ann@example.com'], ['[PHONE_1]', '+1 555 123 4567']]));

function chunk(delta: ChunkDelta, finish: 'stop' | null = null, index = 0): ChatCompletionChunk {
  return { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index, delta, finish_reason: finish }] };
}

describe('createPiiRestorer', () => {
  it('restores content, refusal and tool arguments of a completion without changing the input', () => {
    const completion: ChatCompletion = {
      id: 'c1', object: 'chat.completion', created: 1, model: 'm',
      choices: [{
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: 'Mail [EMAIL_1]',
          refusal: 'not [PHONE_1]',
          tool_calls: [{ id: 't', type: 'function', function: { name: 'send', arguments: '{"to":"[EMAIL_1]"}' } }],
        },
      }],
    };
    const before = JSON.stringify(completion);
    const restored = restorer.restoreCompletion(completion);
    expect(restored.choices[0]?.message).toMatchObject({
      content: 'Mail ann@example.com',
      refusal: 'not +1 555 123 4567',
      tool_calls: [{ function: { arguments: '{"to":"ann@example.com"}' } }],
    });
    expect(JSON.stringify(completion)).toBe(before);
  });

  it('restores a placeholder split across chunks and releases held text in the finishing chunk', () => {
    const stream = restorer.createChunkRestorer();
    const deltas = [
      stream.restoreChunk(chunk({ role: 'assistant', content: 'Write to [EMA' })),
      stream.restoreChunk(chunk({ content: 'IL_1] or [PH' })),
      stream.restoreChunk(chunk({}, 'stop')),
    ].map((out) => out.choices[0]?.delta.content ?? '');
    expect(deltas).toEqual(['Write to ', 'ann@example.com or ', '[PH']);
  });

  it('restores tool-call argument deltas per tool call', () => {
    const stream = restorer.createChunkRestorer();
    const args = [
      stream.restoreChunk(chunk({ tool_calls: [{ index: 0, id: 't', type: 'function', function: { name: 'send', arguments: '{"to":"[EMAIL' } }] })),
      stream.restoreChunk(chunk({ tool_calls: [{ index: 0, function: { arguments: '_1]"}' } }] })),
    ].map((out) => out.choices[0]?.delta.tool_calls?.[0]?.function?.arguments);
    expect(args.join('')).toBe('{"to":"ann@example.com"}');
  });

  it('flushes text still held when the stream ends without a finish reason', () => {
    const stream = restorer.createChunkRestorer();
    stream.restoreChunk(chunk({ content: 'tail [EMAIL_1' }));
    expect(stream.flush({ id: 'c1', created: 1, model: 'm' })?.choices).toEqual([{ index: 0, delta: { content: '[EMAIL_1' }, finish_reason: null }]);
    expect(stream.flush({ id: 'c1', created: 1, model: 'm' })).toBeUndefined();
  });
});
