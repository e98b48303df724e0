// Restoring a whole reply, or a stream of chunks, for clients of a route with
// restoreInResponse: content, refusal, reasoning and tool-call arguments (JSON-escaped there).

import type { ChatCompletion, ChatCompletionChunk, ChunkChoice, ChunkDelta, ToolCallDelta } from '../openai/index.js';
import { restoreText } from './restore.js';
import { createStreamRestorer, type StreamRestorer } from './stream-restorer.js';

export interface PiiRestorer {
  /** Placeholder → original value, for this request only. */
  readonly values: ReadonlyMap<string, string>;
  restoreText(text: string): string;
  /** A new completion with values restored; the input is not changed. */
  restoreCompletion(completion: ChatCompletion): ChatCompletion;
  /** One per response stream. */
  createChunkRestorer(): ChunkRestorer;
}

export interface ChunkRestorer {
  /** The chunk with restored deltas; a choice's held-back text is released in its finishing chunk. */
  restoreChunk(chunk: ChatCompletionChunk): ChatCompletionChunk;
  /** Text still held when the stream ends without a finish_reason, as one last chunk (or none). */
  flush(base: Pick<ChatCompletionChunk, 'id' | 'created' | 'model'>): ChatCompletionChunk | undefined;
}

const TEXT_FIELDS = ['content', 'refusal', 'reasoning_content'] as const;

export function createPiiRestorer(values: ReadonlyMap<string, string>): PiiRestorer {
  return {
    values,
    restoreText: (text) => restoreText(text, values),
    restoreCompletion: (completion) => ({
      ...completion,
      choices: completion.choices.map((choice) => {
        const message = { ...choice.message };
        if (typeof message.content === 'string') message.content = restoreText(message.content, values);
        if (typeof message.refusal === 'string') message.refusal = restoreText(message.refusal, values);
        if (typeof message.reasoning_content === 'string') message.reasoning_content = restoreText(message.reasoning_content, values);
        if (message.tool_calls) {
          message.tool_calls = message.tool_calls.map((call) => ({
            ...call,
            function: { ...call.function, arguments: restoreText(call.function.arguments, values, 'json-string') },
          }));
        }
        return { ...choice, message };
      }),
    }),
    createChunkRestorer: () => createChunkRestorer(values),
  };
}

function createChunkRestorer(values: ReadonlyMap<string, string>): ChunkRestorer {
  const streams = new Map<string, StreamRestorer>();

  function streamFor(key: string, json: boolean): StreamRestorer {
    let stream = streams.get(key);
    if (!stream) {
      stream = createStreamRestorer(values, json ? 'json-string' : 'text');
      streams.set(key, stream);
    }
    return stream;
  }

  function release(choiceIndex: number, delta: ChunkDelta): ChunkDelta {
    const released: ChunkDelta = { ...delta };
    for (const field of TEXT_FIELDS) {
      const rest = streams.get(`${choiceIndex}:${field}`)?.flush() ?? '';
      if (rest !== '') released[field] = (typeof released[field] === 'string' ? released[field] : '') + rest;
    }
    const prefix = `${choiceIndex}:tool:`;
    for (const [key, stream] of streams) {
      if (!key.startsWith(prefix)) continue;
      const rest = stream.flush();
      if (rest === '') continue;
      const index = Number(key.slice(prefix.length));
      const calls = [...(released.tool_calls ?? [])];
      const at = calls.findIndex((call) => call.index === index);
      const call: ToolCallDelta = at >= 0 ? calls[at] as ToolCallDelta : { index };
      const merged = { ...call, function: { ...call.function, arguments: (call.function?.arguments ?? '') + rest } };
      if (at >= 0) calls[at] = merged;
      else calls.push(merged);
      released.tool_calls = calls;
    }
    for (const key of [...streams.keys()]) if (key.startsWith(`${choiceIndex}:`)) streams.delete(key);
    return released;
  }

  function restoreDelta(choiceIndex: number, delta: ChunkDelta): ChunkDelta {
    const restored: ChunkDelta = { ...delta };
    for (const field of TEXT_FIELDS) {
      const value = delta[field];
      if (typeof value === 'string') restored[field] = streamFor(`${choiceIndex}:${field}`, false).push(value);
    }
    if (delta.tool_calls) {
      restored.tool_calls = delta.tool_calls.map((call) => {
        const args = call.function?.arguments;
        if (typeof args !== 'string') return call;
        return { ...call, function: { ...call.function, arguments: streamFor(`${choiceIndex}:tool:${call.index}`, true).push(args) } };
      });
    }
    return restored;
  }

  function restoreChoice(choice: ChunkChoice): ChunkChoice {
    const delta = restoreDelta(choice.index, choice.delta);
    return { ...choice, delta: choice.finish_reason === null ? delta : release(choice.index, delta) };
  }

  return {
    restoreChunk: (chunk) => (values.size === 0 ? chunk : { ...chunk, choices: chunk.choices.map(restoreChoice) }),
    flush(base) {
      const indexes = [...new Set([...streams.keys()].map((key) => Number(key.split(':')[0])))];
      const choices = indexes
        .map((index): ChunkChoice => ({ index, delta: release(index, {}), finish_reason: null }))
        .filter((choice) => Object.keys(choice.delta).length > 0);
      if (choices.length === 0) return undefined;
      return { id: base.id, object: 'chat.completion.chunk', created: base.created, model: base.model, choices };
    },
  };
}
