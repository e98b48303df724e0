// Serialises canonical chunks as OpenAI's client-facing stream: bare `data:` frames, `[DONE]`
// at the end, and `data: {"error":…}` for a failure after the first byte (the OpenAI SDKs
// raise APIError on a chunk that carries `error`).

import { toOpenAIError } from '../errors/index.js';
import type { ChatCompletionChunk } from '../openai/index.js';

export const SSE_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // Stops nginx-style proxies from buffering the stream.
  'x-accel-buffering': 'no',
};

export const SSE_DONE = 'data: [DONE]\n\n';

/** JSON.stringify escapes CR and LF, so one `data:` line always holds the whole chunk. */
export function formatSseChunk(chunk: ChatCompletionChunk): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

export function formatSseError(err: unknown): string {
  return `data: ${JSON.stringify(toOpenAIError(err).body)}\n\n`;
}

/** A comment frame; keeps idle connections open without emitting an event. */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
