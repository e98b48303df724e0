// The text of an answer for the evaluator, as the model wrote it (before PII values are put
// back, so a judge sees the same placeholders the model saw). Capped: an evaluator never needs
// megabytes, and a truncated answer is reported as such instead of being scored as if whole.

import type { Exchange } from '../http/exchange.js';
import type { ChatCompletion, ChatCompletionChunk } from '../openai/index.js';
import type { ChunkRestorer } from '../pii/index.js';
import { sampleOf } from './sample.js';

export const MAX_ANSWER_CHARS = 256 * 1024;

export class AnswerText {
  private parts: string[] = [];
  private length = 0;
  truncated = false;

  add(piece: string): void {
    if (piece === '' || this.truncated) return;
    const room = MAX_ANSWER_CHARS - this.length;
    if (piece.length > room) this.truncated = true;
    const kept = piece.length > room ? piece.slice(0, room) : piece;
    this.parts.push(kept);
    this.length += kept.length;
  }

  /** A new attempt starts: what an earlier one streamed is not the answer. */
  clear(): void {
    this.parts = [];
    this.length = 0;
    this.truncated = false;
  }

  get text(): string {
    return this.parts.join('');
  }
}

/** Records the first choice of a whole answer. */
export function noteAnswer(ex: Exchange, completion: ChatCompletion): void {
  const answer = sampleOf(ex)?.answer;
  if (answer === null || answer === undefined) return;
  answer.clear();
  answer.add(completion.choices[0]?.message.content ?? '');
}

/**
 * Wraps a stream's chunk restorer so the first choice's text is assembled on the way through;
 * the restorer itself when the request is in no experiment that evaluates answers.
 */
export function tapStream(ex: Exchange, restorer: ChunkRestorer | undefined): ChunkRestorer | undefined {
  const answer = sampleOf(ex)?.answer;
  if (answer === null || answer === undefined) return restorer;
  answer.clear();
  return {
    restoreChunk(chunk: ChatCompletionChunk): ChatCompletionChunk {
      for (const choice of chunk.choices) if (choice.index === 0 && typeof choice.delta.content === 'string') answer.add(choice.delta.content);
      return restorer === undefined ? chunk : restorer.restoreChunk(chunk);
    },
    flush: (base) => restorer?.flush(base),
  };
}
