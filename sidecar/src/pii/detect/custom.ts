import type { PatternConfig } from '@switchyard/contract';
import { customKind, type Span } from '../entities.js';

export interface CustomDetector {
  readonly name: string;
  readonly pattern: RegExp;
}

/** The contract compiled and vetted the pattern (RE2 subset, no catastrophic backtracking). */
export function compileCustom(name: string, pattern: PatternConfig): CustomDetector {
  return { name, pattern: new RegExp(pattern.source, `${pattern.flags}g`) };
}

export function scanCustom(detector: CustomDetector, text: string): Span[] {
  const spans: Span[] = [];
  const { pattern } = detector;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    spans.push({ kind: customKind(detector.name), start: match.index, end: match.index + match[0].length });
  }
  return spans;
}
