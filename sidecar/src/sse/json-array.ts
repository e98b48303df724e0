// Incremental parser for a streamed top-level JSON array. Gemini's streamGenerateContent without
// `alt=sse` sends `[{…}\n,\r\n{…}\n]`, pretty-printed, and the elements may be split anywhere.
// Each element is handed out as soon as its closing brace arrives.

import { GatewayError } from '../errors/index.js';

export interface JsonArrayParser {
  push(chunk: Uint8Array | string): unknown[];
  end(): unknown[];
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

export function createJsonArrayParser(): JsonArrayParser {
  const decoder = new TextDecoder('utf-8');
  let opened = false;
  let closed = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let carried = '';

  /** Returns true when `c` opens the next element. */
  function scanOutside(c: number): boolean {
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) return false;
    if (!opened && c === OPEN_BRACKET) opened = true;
    else if (opened && !closed && c === COMMA) return false;
    else if (opened && !closed && c === CLOSE_BRACKET) closed = true;
    else if (opened && !closed && (c === OPEN_BRACE || c === OPEN_BRACKET)) return true;
    else throw new GatewayError('upstream_invalid_response', 'Unexpected character in the upstream JSON array stream.');
    return false;
  }

  function scanInside(c: number): void {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
      return;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }

  function feed(text: string): unknown[] {
    const out: unknown[] = [];
    let elementStart = depth > 0 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (depth === 0) {
        if (scanOutside(c)) {
          depth = 1;
          elementStart = i;
        }
        continue;
      }
      scanInside(c);
      if (depth === 0) {
        out.push(parseElement(carried + text.slice(elementStart, i + 1)));
        carried = '';
        elementStart = -1;
      }
    }
    if (elementStart !== -1) carried += text.slice(elementStart);
    return out;
  }

  return {
    push(chunk) {
      return feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      const out = feed(decoder.decode());
      if (depth > 0 || (opened && !closed)) {
        throw new GatewayError('stream_interrupted', 'The upstream JSON array stream ended before it was closed.');
      }
      return out;
    },
  };
}

function parseElement(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GatewayError('upstream_invalid_response', 'The upstream JSON array stream held an element that is not JSON.');
  }
}
