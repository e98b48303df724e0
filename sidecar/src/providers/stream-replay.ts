// Replays a recorded upstream body through decoder + translator + writer and returns what the
// client would receive. Used by the golden tests; the byte-split tests feed the same body in
// different pieces and expect the same text.

import type { StreamContext } from '../openai/index.js';
import { createUpstreamDecoder, formatSseChunk, formatSseError, SSE_DONE, type StreamFraming, type UpstreamEvent } from '../sse/index.js';
import type { ProviderAdapter } from './adapter.js';

export function replayStream(
  adapter: ProviderAdapter,
  ctx: StreamContext,
  framing: StreamFraming,
  pieces: readonly (Uint8Array | string)[],
): string {
  const decoder = createUpstreamDecoder(framing);
  const translator = adapter.createStreamTranslator(ctx);
  let out = '';
  try {
    for (const piece of pieces) {
      for (const event of decoder.push(piece)) out += translator.push(event).map(formatSseChunk).join('');
    }
    for (const event of decoder.end()) out += translator.push(event).map(formatSseChunk).join('');
    out += translator.finish().map(formatSseChunk).join('') + SSE_DONE;
  } catch (err) {
    out += formatSseError(err);
  }
  return out;
}

/** Same, from already decoded events (the purity tests freeze these). */
export function replayEvents(adapter: ProviderAdapter, ctx: StreamContext, events: readonly UpstreamEvent[]): string {
  const translator = adapter.createStreamTranslator(ctx);
  let out = '';
  try {
    for (const event of events) out += translator.push(event).map(formatSseChunk).join('');
    out += translator.finish().map(formatSseChunk).join('') + SSE_DONE;
  } catch (err) {
    out += formatSseError(err);
  }
  return out;
}

/** Every way to cut `bytes` in two, plus one byte at a time. */
export function splitsOf(bytes: Uint8Array): { name: string; pieces: Uint8Array[] }[] {
  const splits = [];
  for (let at = 1; at < bytes.length; at++) splits.push({ name: `split at byte ${at}`, pieces: [bytes.subarray(0, at), bytes.subarray(at)] });
  splits.push({ name: 'one byte at a time', pieces: Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)) });
  return splits;
}
