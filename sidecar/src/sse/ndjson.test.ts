import { describe, expect, it } from '@jest/globals';
import { GatewayError } from '../errors/index.js';
import { createNdjsonParser } from './ndjson.js';

function parseAll(pieces: readonly (string | Uint8Array)[]): unknown[] {
  const parser = createNdjsonParser();
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
}

describe('createNdjsonParser', () => {
  const body = '{"message":{"content":"Why"},"done":false}\r\n\n{"message":{"content":" 🦩"},"done":false}\n{"done":true,"done_reason":"stop","eval_count":2}';
  const expected = [
    { message: { content: 'Why' }, done: false },
    { message: { content: ' 🦩' }, done: false },
    { done: true, done_reason: 'stop', eval_count: 2 },
  ];

  it("reads Ollama's native stream, blank lines and a last line without newline included", () => {
    expect(parseAll([body])).toEqual(expected);
  });

  it('gives identical values for every split of the bytes and one byte at a time', () => {
    const bytes = new TextEncoder().encode(body);
    for (let at = 1; at < bytes.length; at++) expect(parseAll([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(expected);
    expect(parseAll(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(expected);
  });

  it('reports a line that is not JSON as an invalid upstream response', () => {
    expect(() => parseAll(['{"a":1}\nnot json\n'])).toThrow(GatewayError);
  });
});
