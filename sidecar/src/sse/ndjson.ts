// Incremental newline-delimited JSON parser (Ollama's native /api/chat stream).

import { GatewayError } from '../errors/index.js';

export interface NdjsonParser {
  push(chunk: Uint8Array | string): unknown[];
  /** Parses a last line that arrived without its newline. */
  end(): unknown[];
}

export function createNdjsonParser(): NdjsonParser {
  const decoder = new TextDecoder('utf-8');
  let partialLine = '';

  function feed(text: string): unknown[] {
    const out: unknown[] = [];
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) parseLine(line, out);
    return out;
  }

  return {
    push(chunk) {
      return feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      const out = feed(decoder.decode());
      parseLine(partialLine, out);
      partialLine = '';
      return out;
    },
  };
}

function parseLine(line: string, out: unknown[]): void {
  const trimmed = line.trim();
  if (trimmed === '') return;
  try {
    out.push(JSON.parse(trimmed) as unknown);
  } catch {
    throw new GatewayError('upstream_invalid_response', 'The upstream NDJSON stream held a line that is not JSON.');
  }
}
