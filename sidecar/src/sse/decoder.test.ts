import { describe, expect, it } from '@jest/globals';
import { GatewayError } from '../errors/index.js';
import { decodeUpstreamStream } from './decoder.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    return err instanceof GatewayError ? err.code : 'not a GatewayError';
  }
  return undefined;
}

describe('decodeUpstreamStream', () => {
  it('parses data as JSON, keeps event names and drops [DONE]', () => {
    const events = decodeUpstreamStream('sse', ['event: ping\ndata: {"type": "ping"}\n\ndata: {"a":1}\n\ndata: [DONE]\n\n']);
    expect(events).toEqual([{ event: 'ping', data: { type: 'ping' } }, { data: { a: 1 } }]);
  });

  it('wraps JSON-array elements and NDJSON lines as events', () => {
    expect(decodeUpstreamStream('json-array', ['[{"a":1}]'])).toEqual([{ data: { a: 1 } }]);
    expect(decodeUpstreamStream('ndjson', ['{"a":1}\n'])).toEqual([{ data: { a: 1 } }]);
  });

  it.each([
    ['a complete frame whose data is not JSON is an invalid response', 'data: hello\n\n', 'upstream_invalid_response'],
    ['a last frame cut inside its JSON is an interrupted stream', 'data: {"a":1}\n\ndata: {"b', 'stream_interrupted'],
  ])('%s', (_sentence, text, code) => {
    expect(codeOf(() => decodeUpstreamStream('sse', [text]))).toBe(code);
  });
});
