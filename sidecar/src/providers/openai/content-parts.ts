// Mistral's Magistral models send `content` as typed parts instead of a string, first
// `[{type:"thinking", thinking:[{type:"text", text}]}]` and later plain strings in the same
// stream. Canonical content is a string; thinking goes to `reasoning_content`.

import { isRecord } from '../../openai/index.js';

export interface SplitContent {
  readonly text: string;
  readonly reasoning: string;
}

/** Undefined when `content` is not a parts array (a string or null passes through as is). */
export function splitContentParts(content: unknown): SplitContent | undefined {
  if (!Array.isArray(content)) return undefined;
  let text = '';
  let reasoning = '';
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') text += part.text;
    if (part.type === 'thinking') reasoning += thinkingText(part.thinking);
  }
  return { text, reasoning };
}

function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking;
  if (!Array.isArray(thinking)) return '';
  return thinking.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

/** Rewrites a message or delta whose content is a parts array; returns it unchanged otherwise. */
export function flattenContent<T extends Record<string, unknown>>(holder: T): T {
  const split = splitContentParts(holder.content);
  if (split === undefined) return holder;
  const flattened: Record<string, unknown> = { ...holder, content: split.text };
  if (split.reasoning !== '') flattened.reasoning_content = split.reasoning;
  return flattened as T;
}
