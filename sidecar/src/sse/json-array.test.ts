import { describe, expect, it } from '@jest/globals';
import { GatewayError } from '../errors/index.js';
import { createJsonArrayParser } from './json-array.js';

function parseAll(pieces: readonly (string | Uint8Array)[]): unknown[] {
  const parser = createJsonArrayParser();
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    return err instanceof GatewayError ? err.code : 'not a GatewayError';
  }
  return undefined;
}

describe('createJsonArrayParser', () => {
  const body = '[{\n  "text": "a } ] \\" [ {",\n  "n": [1, {"x": 2}]\n}\n,\r\n{\n  "text": "Pélican 🐦"\n}\n]';
  const expected = [{ text: 'a } ] " [ {', n: [1, { x: 2 }] }, { text: 'Pélican 🐦' }];

  it("reads Gemini's `[{…}\\n,\\r\\n{…}\\n]` form, brackets and quotes inside strings included", () => {
    expect(parseAll([body])).toEqual(expected);
  });

  it('gives identical values for every split of the bytes and one byte at a time', () => {
    const bytes = new TextEncoder().encode(body);
    for (let at = 1; at < bytes.length; at++) expect(parseAll([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(expected);
    expect(parseAll(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(expected);
  });

  it.each([
    ['an empty array yields nothing', '[]', []],
    ['whitespace around elements is skipped', ' [ {"a":1} , {"b":2} ] ', [{ a: 1 }, { b: 2 }]],
  ])('%s', (_sentence, text, values) => {
    expect(parseAll([text])).toEqual(values);
  });

  it.each([
    ['text that is not an array is an invalid response', 'data: {}', 'upstream_invalid_response'],
    ['an element that is not JSON is an invalid response', '[{"a":tru}]', 'upstream_invalid_response'],
    ['a body cut inside an element is an interrupted stream', '[{"a":1},{"b"', 'stream_interrupted'],
    ['a body cut before the closing bracket is an interrupted stream', '[{"a":1}', 'stream_interrupted'],
  ])('%s', (_sentence, text, code) => {
    expect(codeOf(() => parseAll([text]))).toBe(code);
  });
});
