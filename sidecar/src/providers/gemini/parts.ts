// Reading a Gemini candidate's parts, shared by the reply and stream translators.
// `thought: true` parts are reasoning summaries; functionCall args are complete objects.

import { isRecord, readArray, readRecord, readString } from '../../openai/index.js';

export type CandidatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'reasoning'; readonly text: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: unknown; readonly id?: string; readonly signature?: string };

export function readCandidateParts(candidate: Record<string, unknown>): CandidatePart[] {
  const parts = readArray(readRecord(candidate, 'content') ?? {}, 'parts') ?? [];
  return parts.filter(isRecord).flatMap((part): CandidatePart[] => {
    const call = readRecord(part, 'functionCall');
    if (call !== undefined) {
      const id = readString(call, 'id');
      const signature = readString(part, 'thoughtSignature');
      return [{ kind: 'call', name: readString(call, 'name') ?? '', args: call.args ?? {}, ...(id === undefined ? {} : { id }), ...(signature === undefined ? {} : { signature }) }];
    }
    const text = readString(part, 'text');
    // Empty text parts exist only to carry finishReason or a thoughtSignature.
    if (text === undefined || text === '') return [];
    return [{ kind: part.thought === true ? 'reasoning' : 'text', text }];
  });
}

/** Candidates in order, with their index (absent in some replies). */
export function readCandidates(body: Record<string, unknown>): { index: number; candidate: Record<string, unknown> }[] {
  const candidates = readArray(body, 'candidates') ?? [];
  return candidates.filter(isRecord).map((candidate, position) => ({
    index: typeof candidate.index === 'number' ? candidate.index : position,
    candidate,
  }));
}

export function argumentsJson(args: unknown): string {
  return JSON.stringify(isRecord(args) ? args : {});
}
