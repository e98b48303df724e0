// OpenAI-family stream events → canonical chunks. Chunks pass through normalised
// (stream-normalize.ts); usage is held back and re-emitted as one `choices: []` chunk at the
// end, only if the client asked for it (the gateway always asks upstream).

import { GatewayError, toGatewayError } from '../../errors/index.js';
import { isRecord } from '../../openai/index.js';
import type { StreamContext, Usage } from '../../openai/index.js';
import type { StreamTranslator, UpstreamEvent } from '../adapter.js';
import { usageChunk, type ChunkIdentity } from '../chunks.js';
import { classifyOpenAIError, statusOfStreamError } from './errors.js';
import { createToolIndexState, normalizeChunk } from './stream-normalize.js';
import { normalizeFamilyUsage } from './usage.js';

export function createOpenAIStreamTranslator(ctx: StreamContext): StreamTranslator {
  const tools = createToolIndexState();
  let usage: Usage | undefined;
  let finished = false;
  let identity: ChunkIdentity = { id: `chatcmpl-${ctx.requestId}`, created: ctx.created, model: ctx.model };

  function push(event: UpstreamEvent) {
    const data = event.data;
    if (!isRecord(data)) throw new GatewayError('upstream_invalid_response', 'The upstream stream sent a non-object chunk.');
    // Groq reports failures after HTTP 200 as `event: error`; OpenAI as a chunk with `error`.
    if (event.event === 'error' || isRecord(data.error) || typeof data.error === 'string') throw streamError(data);
    usage = normalizeFamilyUsage(data.usage) ?? usage;
    const chunk = normalizeChunk(data, tools);
    // Usage-only chunks, and Azure's leading prompt-filter chunk (`id:""`, `choices:[]`).
    if (chunk.choices.length === 0) return [];
    identity = { id: chunk.id, created: chunk.created, model: chunk.model };
    if (chunk.choices.some((choice) => choice.finish_reason !== null)) finished = true;
    return [chunk];
  }

  return {
    push,
    finish() {
      if (!finished) throw new GatewayError('stream_interrupted', 'The upstream stream ended before a finish reason.');
      return ctx.includeUsage && usage !== undefined ? [usageChunk(identity, usage)] : [];
    },
    usage: () => usage,
  };
}

function streamError(data: Record<string, unknown>): GatewayError {
  const error = isRecord(data.error) ? data.error : { message: String(data.error) };
  return toGatewayError(classifyOpenAIError(statusOfStreamError(error), undefined, JSON.stringify({ error })));
}
