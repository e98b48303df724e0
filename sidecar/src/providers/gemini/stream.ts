// Gemini stream chunks (alt=sse frames, or JSON-array elements) → canonical chunks.
// - Each chunk is a whole GenerateContentResponse; text arrives as increments.
// - Function calls arrive whole (args as an object, parallel calls as sibling parts, usually
//   no id), so each becomes one complete OpenAI tool-call delta with a minted id.
// - finishReason is STOP even for function calls and often rides on a last chunk whose only
//   part is an empty text; usageMetadata is a running total, so only the last one counts.
// - There is no [DONE]; the body just ends.

import { GatewayError, toGatewayError } from '../../errors/index.js';
import { isRecord, readRecord, readString } from '../../openai/index.js';
import type { ChatCompletionChunk, ChunkDelta, StreamContext, Usage } from '../../openai/index.js';
import type { StreamTranslator, UpstreamEvent } from '../adapter.js';
import { deltaChunk, finishChunk, usageChunk, type ChunkIdentity } from '../chunks.js';
import { classifyGeminiError } from './errors.js';
import { toFinishReason } from './finish.js';
import { argumentsJson, readCandidateParts, readCandidates, type CandidatePart } from './parts.js';
import { isBlocked } from './response.js';
import { mintToolCallId } from './tool-ids.js';
import { toOpenAIUsage } from './usage.js';

interface CandidateState {
  started: boolean;
  toolCalls: number;
}

export function createGeminiStreamTranslator(ctx: StreamContext): StreamTranslator {
  let identity: ChunkIdentity = { id: ctx.requestId, created: ctx.created, model: ctx.model };
  const candidates = new Map<number, CandidateState>();
  let ordinal = 0;
  let usage: Usage | undefined;
  let finished = false;

  function stateOf(index: number): CandidateState {
    let state = candidates.get(index);
    if (state === undefined) {
      state = { started: false, toolCalls: 0 };
      candidates.set(index, state);
    }
    return state;
  }

  function emit(index: number, delta: ChunkDelta): ChatCompletionChunk {
    const state = stateOf(index);
    const first = !state.started;
    state.started = true;
    return deltaChunk(identity, first ? { role: 'assistant', ...delta } : delta, index);
  }

  function partDelta(part: CandidatePart, state: CandidateState): ChunkDelta {
    if (part.kind === 'text') return { content: part.text };
    if (part.kind === 'reasoning') return { reasoning_content: part.text };
    const id = mintToolCallId(identity.id, ordinal++, part.id, part.signature);
    const call = { index: state.toolCalls++, id, type: 'function' as const, function: { name: part.name, arguments: argumentsJson(part.args) } };
    return { tool_calls: [call] };
  }

  function push(event: UpstreamEvent): ChatCompletionChunk[] {
    const data = event.data;
    if (!isRecord(data)) throw new GatewayError('upstream_invalid_response', 'The upstream stream sent a non-object chunk.');
    if (isRecord(data.error)) throw streamError(data);
    identity = { id: readString(data, 'responseId') ?? identity.id, created: ctx.created, model: readString(data, 'modelVersion') ?? identity.model };
    const meta = readRecord(data, 'usageMetadata');
    if (meta !== undefined) usage = toOpenAIUsage(meta);
    const out: ChatCompletionChunk[] = [];
    for (const { index, candidate } of readCandidates(data)) {
      const state = stateOf(index);
      for (const part of readCandidateParts(candidate)) out.push(emit(index, partDelta(part, state)));
      const reason = readString(candidate, 'finishReason');
      if (reason === undefined) continue;
      if (!state.started) out.push(emit(index, {}));
      out.push(finishChunk(identity, toFinishReason(reason, state.toolCalls > 0), index));
      finished = true;
    }
    if (readCandidates(data).length === 0 && isBlocked(data)) {
      out.push(emit(0, {}), finishChunk(identity, 'content_filter'));
      finished = true;
    }
    return out;
  }

  return {
    push,
    finish() {
      if (!finished) throw new GatewayError('stream_interrupted', 'The upstream stream ended before a finishReason.');
      return ctx.includeUsage && usage !== undefined ? [usageChunk(identity, usage)] : [];
    },
    usage: () => usage,
  };
}

function streamError(data: Record<string, unknown>): GatewayError {
  const error = readRecord(data, 'error') ?? {};
  const status = typeof error.code === 'number' ? error.code : 500;
  return toGatewayError(classifyGeminiError(status, undefined, JSON.stringify(data)));
}
