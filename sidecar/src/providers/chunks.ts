// Builds canonical stream chunks for translators whose upstream is not OpenAI-shaped.

import type { ChatCompletionChunk, ChunkDelta, FinishReason, Usage } from '../openai/index.js';

export interface ChunkIdentity {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

export function deltaChunk(identity: ChunkIdentity, delta: ChunkDelta, index = 0): ChatCompletionChunk {
  return { ...identity, object: 'chat.completion.chunk', choices: [{ index, delta, finish_reason: null }] };
}

export function finishChunk(identity: ChunkIdentity, reason: FinishReason, index = 0): ChatCompletionChunk {
  return { ...identity, object: 'chat.completion.chunk', choices: [{ index, delta: {}, finish_reason: reason }] };
}

/** OpenAI's include_usage chunk: no choices, usage only. */
export function usageChunk(identity: ChunkIdentity, usage: Usage): ChatCompletionChunk {
  return { ...identity, object: 'chat.completion.chunk', choices: [], usage };
}
