import { createHash } from 'node:crypto';
import type { SimulatorState } from '../state.js';
import { estimateTokens } from '../tokens.js';
import type { PromptSegment } from './request.js';

/** Anthropic's smallest cacheable prefix (Sonnet and Opus). */
const minimumCacheableTokens = 1024;

export interface CacheUsage {
  uncached: number;
  creation: number;
  read: number;
}

/**
 * Prompt caching as the provider bills it: the prefix up to the last `cache_control` block is
 * written on first sight (cache_creation_input_tokens) and read afterwards (cache_read_input_tokens).
 */
export function accountCache(state: SimulatorState, model: string, segments: PromptSegment[], inputTokens: number): CacheUsage {
  const lastMark = segments.findLastIndex((segment) => segment.cached);
  if (lastMark < 0) return { uncached: inputTokens, creation: 0, read: 0 };
  const prefix = segments.slice(0, lastMark + 1).map((segment) => segment.text).join('\n');
  const prefixTokens = Math.min(estimateTokens(prefix), inputTokens);
  if (prefixTokens < minimumCacheableTokens) return { uncached: inputTokens, creation: 0, read: 0 };
  const key = createHash('sha256').update(`${model}\n${prefix}`).digest('hex');
  const seen = state.promptCache.has(key);
  state.promptCache.add(key);
  const uncached = inputTokens - prefixTokens;
  return seen ? { uncached, creation: 0, read: prefixTokens } : { uncached, creation: prefixTokens, read: 0 };
}
