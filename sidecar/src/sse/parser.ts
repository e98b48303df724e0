// Incremental Server-Sent Events parser (WHATWG HTML "event stream interpretation").
// Upstreams differ: Anthropic names events, OpenAI and Gemini send bare `data:` lines, Gemini
// separates frames with \r\n\r\n, and nobody but OpenAI sends [DONE]. Chunks may split a frame,
// a line, a CRLF pair or a UTF-8 character anywhere; the parser carries state across pushes.

export interface SseEvent {
  /** The `event:` field; undefined for unnamed events (the spec's "message"). */
  readonly event: string | undefined;
  readonly data: string;
  readonly id: string | undefined;
  readonly retry: number | undefined;
}

export interface SseParser {
  push(chunk: Uint8Array | string): SseEvent[];
  /** Flushes the decoder and dispatches a final frame that lacked its blank line. */
  end(): SseEvent[];
}

const LF = 10;
const CR = 13;

/** A parser instance per stream; feed it either bytes or strings, not both. */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8');
  let partialLine = '';
  let skipLeadingLF = false;
  let atStart = true;
  let eventName: string | undefined;
  let data: string[] = [];
  let lastId: string | undefined;
  let retry: number | undefined;

  function dispatch(out: SseEvent[]): void {
    if (data.length > 0) out.push({ event: eventName, data: data.join('\n'), id: lastId, retry });
    eventName = undefined;
    data = [];
    retry = undefined;
  }

  function processLine(line: string, out: SseEvent[]): void {
    if (line === '') return dispatch(out);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }

  function feed(text: string, out: SseEvent[]): void {
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let lineStart = 0;
    if (skipLeadingLF && text.length > 0) {
      skipLeadingLF = false;
      if (text.charCodeAt(0) === LF) lineStart = 1;
    }
    for (let i = lineStart; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      processLine(partialLine + text.slice(lineStart, i), out);
      partialLine = '';
      if (c === CR) {
        if (i + 1 === text.length) skipLeadingLF = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      lineStart = i + 1;
    }
    partialLine += text.slice(lineStart);
  }

  return {
    push(chunk) {
      const out: SseEvent[] = [];
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), out);
      return out;
    },
    end() {
      const out: SseEvent[] = [];
      feed(decoder.decode(), out);
      if (partialLine !== '') processLine(partialLine, out);
      partialLine = '';
      // The spec drops an unterminated frame; upstreams that close right after the last data
      // line still meant it, so it is dispatched.
      dispatch(out);
      return out;
    },
  };
}
