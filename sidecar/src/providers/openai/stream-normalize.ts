// One tolerant reader for every OpenAI-compatible stream chunk. Deviations it absorbs:
// - Mistral sends a whole tool call in one delta with no `index` and no `type`.
// - Qwen repeats `id:""` and `type` on continuation deltas and adds an empty-arguments delta.
// - Magistral sends `content` as a parts array (content-parts.ts).
// - DeepSeek and Mistral put `usage` on the finish_reason chunk instead of a `choices:[]` chunk.
// The chunk is rebuilt, never edited: upstream events may be shared or frozen.

import { isRecord } from '../../openai/index.js';
import type { ChatCompletionChunk, ChunkChoice, ToolCallDelta } from '../../openai/index.js';
import { flattenContent } from './content-parts.js';

interface ChoiceToolState {
  readonly indexById: Map<string, number>;
  readonly seen: Set<number>;
  nextIndex: number;
}

export interface ToolIndexState {
  readonly byChoice: Map<number, ChoiceToolState>;
}

export function createToolIndexState(): ToolIndexState {
  return { byChoice: new Map() };
}

/** The chunk without usage, with every choice normalised and emptied choices dropped. */
export function normalizeChunk(raw: Record<string, unknown>, state: ToolIndexState): ChatCompletionChunk {
  const { usage: _usage, ...rest } = raw;
  const choices = Array.isArray(raw.choices) ? raw.choices.filter(isRecord).flatMap((c) => normalizeChoice(c, state)) : [];
  return { ...rest, choices } as ChatCompletionChunk;
}

function normalizeChoice(raw: Record<string, unknown>, state: ToolIndexState): ChunkChoice[] {
  const index = typeof raw.index === 'number' ? raw.index : 0;
  const delta = isRecord(raw.delta) ? flattenContent(raw.delta) : {};
  const finishReason = raw.finish_reason ?? null;
  if (!Array.isArray(delta.tool_calls)) return [{ ...raw, index, delta, finish_reason: finishReason } as ChunkChoice];
  const toolCalls = normalizeToolCalls(delta.tool_calls, toolState(state, index));
  const { tool_calls: _raw, ...deltaRest } = delta;
  // Qwen's trailing `arguments:""` delta normalises to nothing; drop it rather than emit `{}`.
  if (toolCalls.length === 0 && Object.keys(deltaRest).length === 0 && finishReason === null) return [];
  const normalizedDelta = toolCalls.length === 0 ? deltaRest : { ...deltaRest, tool_calls: toolCalls };
  return [{ ...raw, index, delta: normalizedDelta, finish_reason: finishReason } as ChunkChoice];
}

function toolState(state: ToolIndexState, choice: number): ChoiceToolState {
  let entry = state.byChoice.get(choice);
  if (entry === undefined) {
    entry = { indexById: new Map(), seen: new Set(), nextIndex: 0 };
    state.byChoice.set(choice, entry);
  }
  return entry;
}

function normalizeToolCalls(calls: readonly unknown[], state: ChoiceToolState): ToolCallDelta[] {
  const out: ToolCallDelta[] = [];
  for (const call of calls) {
    if (!isRecord(call)) continue;
    const id = typeof call.id === 'string' && call.id !== '' ? call.id : undefined;
    const index = resolveIndex(call, id, state);
    const fn = isRecord(call.function) ? call.function : {};
    const args = typeof fn.arguments === 'string' ? fn.arguments : '';
    if (state.seen.has(index)) {
      // Continuations carry only the index and an argument fragment (OpenAI's own shape).
      if (args !== '') out.push({ index, function: { arguments: args } });
      continue;
    }
    state.seen.add(index);
    const name = typeof fn.name === 'string' ? fn.name : '';
    const { id: _id, index: _index, type: _type, function: _function, ...extras } = call;
    out.push({ index, ...(id === undefined ? {} : { id }), type: 'function', function: { ...fn, name, arguments: args }, ...extras });
  }
  return out;
}

function resolveIndex(call: Record<string, unknown>, id: string | undefined, state: ChoiceToolState): number {
  if (typeof call.index === 'number') {
    state.nextIndex = Math.max(state.nextIndex, call.index + 1);
    if (id !== undefined) state.indexById.set(id, call.index);
    return call.index;
  }
  const known = id === undefined ? undefined : state.indexById.get(id);
  if (known !== undefined) return known;
  const index = state.nextIndex++;
  if (id !== undefined) state.indexById.set(id, index);
  return index;
}
