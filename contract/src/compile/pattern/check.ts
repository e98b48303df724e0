// From a user's pattern string (RE2 style, as the CRDs document) to a PatternConfig the sidecar
// can hand to `new RegExp` once at load time, or the reason it is refused.
import type { PatternConfig } from '../../config/types.js';
import { parseRegex } from './parse.js';
import { findBacktrackingHazard } from './safety.js';

export type PatternCheck = { ok: true; pattern: PatternConfig } | { ok: false; reason: string };

/** RE2 writes case-insensitivity as a leading (?i); JavaScript as a flag. */
const LEADING_IGNORE_CASE = '(?i)';

/**
 * Checks that a pattern compiles in JavaScript with flag "u", uses no backreference or
 * lookaround, and cannot backtrack catastrophically.
 *
 * @example
 * checkPattern('(?i)\\bacct-\\d{6}\\b') // { ok: true, pattern: { source: '\\bacct-\\d{6}\\b', flags: 'iu' } }
 * checkPattern('(a+)+$')                // { ok: false, reason: 'a nested quantifier ...' }
 */
export function checkPattern(text: string): PatternCheck {
  const ignoreCase = text.startsWith(LEADING_IGNORE_CASE);
  const source = ignoreCase ? text.slice(LEADING_IGNORE_CASE.length) : text;
  const flags = ignoreCase ? 'iu' : 'u';
  if (source === '') return { ok: false, reason: 'the pattern is empty' };
  try {
    new RegExp(source, flags);
  } catch (error: unknown) {
    return { ok: false, reason: `it does not compile: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = parseRegex(source, ignoreCase);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const hazard = findBacktrackingHazard(parsed.node);
  if (hazard) return { ok: false, reason: `it has ${hazard}` };
  return { ok: true, pattern: { source, flags } };
}
