import type { FinishReason } from '../../openai/index.js';

const FILTERED = new Set([
  'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'LANGUAGE',
  'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION',
]);

/**
 * Gemini says STOP even when the model called a function, so a tool-call finish is inferred
 * from functionCall parts having been seen.
 */
export function toFinishReason(finishReason: string, sawFunctionCall: boolean): FinishReason {
  if (finishReason === 'MAX_TOKENS') return 'length';
  if (FILTERED.has(finishReason)) return 'content_filter';
  return sawFunctionCall ? 'tool_calls' : 'stop';
}
