// Turns an upstream byte stream into parsed JSON events, whatever its framing, so stream
// translators only ever see typed events and never raw chunks.

import { GatewayError } from '../errors/index.js';
import { createJsonArrayParser } from './json-array.js';
import { createNdjsonParser } from './ndjson.js';
import { createSseParser, type SseEvent } from './parser.js';

export type StreamFraming = 'sse' | 'json-array' | 'ndjson';

export interface UpstreamEvent {
  /** The SSE `event:` name (Anthropic, Groq errors); undefined for unnamed events and other framings. */
  readonly event?: string;
  /** The event's JSON payload, parsed but not yet narrowed. */
  readonly data: unknown;
}

export interface UpstreamEventDecoder {
  push(chunk: Uint8Array | string): UpstreamEvent[];
  end(): UpstreamEvent[];
}

export function createUpstreamDecoder(framing: StreamFraming): UpstreamEventDecoder {
  if (framing === 'sse') return sseDecoder();
  const parser = framing === 'json-array' ? createJsonArrayParser() : createNdjsonParser();
  const wrap = (values: unknown[]): UpstreamEvent[] => values.map((data) => ({ data }));
  return { push: (chunk) => wrap(parser.push(chunk)), end: () => wrap(parser.end()) };
}

function sseDecoder(): UpstreamEventDecoder {
  const parser = createSseParser();
  return {
    push: (chunk) => parser.push(chunk).flatMap((frame) => toUpstreamEvent(frame, false)),
    end: () => parser.end().flatMap((frame) => toUpstreamEvent(frame, true)),
  };
}

function toUpstreamEvent(frame: SseEvent, atEnd: boolean): UpstreamEvent[] {
  // OpenAI's terminator carries no payload; the end of the body is what ends a stream.
  if (frame.data.trim() === '[DONE]') return [];
  try {
    const data = JSON.parse(frame.data) as unknown;
    return [frame.event === undefined ? { data } : { event: frame.event, data }];
  } catch {
    // Unparseable data in the last, unterminated frame means the body was cut off.
    if (atEnd) throw new GatewayError('stream_interrupted', 'The upstream stream ended inside an event.');
    throw new GatewayError('upstream_invalid_response', 'The upstream sent a stream event whose data is not JSON.');
  }
}

/** Decodes a whole body at once; for tests and for replaying recorded streams. */
export function decodeUpstreamStream(framing: StreamFraming, chunks: readonly (Uint8Array | string)[]): UpstreamEvent[] {
  const decoder = createUpstreamDecoder(framing);
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}
