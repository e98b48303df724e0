import { describe, expect, it } from '@jest/globals';
import { createSseParser, type SseEvent } from './parser.js';

function parseAll(pieces: readonly (string | Uint8Array)[]): SseEvent[] {
  const parser = createSseParser();
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
}

const event = (data: string, name?: string, id?: string): SseEvent => ({ event: name, data, id, retry: undefined });

describe('createSseParser', () => {
  it.each([
    ['LF line endings', 'event: a\ndata: 1\n\ndata: 2\n\n'],
    ['CRLF line endings (Gemini)', 'event: a\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n'],
    ['bare CR line endings', 'event: a\rdata: 1\r\rdata: 2\r\r'],
    ['mixed line endings', 'event: a\r\ndata: 1\n\rdata: 2\r\n\n'],
  ])('reads the same events from %s', (_sentence, text) => {
    expect(parseAll([text])).toEqual([event('1', 'a'), event('2')]);
  });

  it.each([
    ['joins multi-line data with LF', 'data: a\ndata: b\n\n', [event('a\nb')]],
    ['ignores comment lines', ': keep-alive\ndata: x\n\n', [event('x')]],
    ['strips exactly one space after the colon', 'data:  two spaces\n\n', [event(' two spaces')]],
    ['accepts a field without a space', 'data:{"a":1}\n\n', [event('{"a":1}')]],
    ['treats a line without a colon as a field with an empty value', 'data\n\n', [event('')]],
    ['does not dispatch a frame without data', 'event: ping\n\n', []],
    ['keeps the last event id', 'id: 7\ndata: x\n\ndata: y\n\n', [event('x', undefined, '7'), event('y', undefined, '7')]],
    ['strips a leading byte-order mark', '\uFEFFdata: x\n\n', [event('x')]],
    ['needs no [DONE]; a final frame without its blank line still counts', 'data: 1\n\ndata: 2', [event('1'), event('2')]],
    ['passes [DONE] through as data (the decoder drops it)', 'data: [DONE]\n\n', [event('[DONE]')]],
  ])('%s', (_sentence, text, expected) => {
    expect(parseAll([text])).toEqual(expected);
  });

  it('reads the retry field', () => {
    expect(parseAll(['retry: 1500\ndata: x\n\n'])[0]?.retry).toBe(1500);
  });

  it('treats a CR at the end of one chunk and an LF at the start of the next as one line break', () => {
    expect(parseAll(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([event('a\nb')]);
  });

  it('gives identical events for every split of a UTF-8 byte stream, including inside multibyte characters', () => {
    const bytes = new TextEncoder().encode('event: delta\r\ndata: {"t":"données 🐧 ü — 漢字"}\r\n\r\ndata: café\n\n');
    const whole = parseAll([bytes]);
    expect(whole).toEqual([event('{"t":"données 🐧 ü — 漢字"}', 'delta'), event('café')]);
    for (let at = 1; at < bytes.length; at++) {
      expect(parseAll([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(whole);
    }
    expect(parseAll(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(whole);
  });
});
