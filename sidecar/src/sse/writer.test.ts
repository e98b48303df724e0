import { describe, expect, it } from '@jest/globals';
import { GatewayError } from '../errors/index.js';
import type { ChatCompletionChunk } from '../openai/index.js';
import { createSseParser } from './parser.js';
import { formatSseChunk, formatSseComment, formatSseError, SSE_DONE } from './writer.js';

describe('SSE writer', () => {
  const chunk: ChatCompletionChunk = {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content: 'line one\nline two\r\n' }, finish_reason: null }],
  };

  it('writes one data line per chunk, even when the content has line breaks, and our parser reads it back', () => {
    const frame = formatSseChunk(chunk);
    expect(frame.split('\n').filter((line) => line !== '')).toHaveLength(1);
    const [event] = createSseParser().push(frame + SSE_DONE);
    expect(JSON.parse(event?.data ?? '')).toEqual(chunk);
  });

  it.each([
    ['a coded error keeps its code', new GatewayError('upstream_overloaded', 'Overloaded'), 'upstream_overloaded', 'Overloaded'],
    ['anything else is an internal error with a fixed message', new TypeError('x is undefined'), 'internal', 'Internal gateway error.'],
  ])('ends a failed stream with an OpenAI error frame: %s', (_sentence, err, code, message) => {
    expect(JSON.parse(formatSseError(err).slice('data: '.length))).toEqual({ error: { message, type: 'server_error', param: null, code } });
  });

  it('writes comments on one line', () => {
    expect(formatSseComment('keep\nalive')).toBe(': keep alive\n\n');
  });
});
