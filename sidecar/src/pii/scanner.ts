// One pass of one combined pattern per text finds every built-in candidate; the alternatives are
// ordered so the most specific shape wins where two could start at the same place. Custom route
// patterns run after it, one pass each.

import type { Span } from './entities.js';
import { scanCustom, type CustomDetector } from './detect/custom.js';
import { emailDetector } from './detect/email.js';
import { ibanDetector } from './detect/iban.js';
import { ipv6Detector } from './detect/ipv6.js';
import { numericDetector } from './detect/numeric.js';
import { secretDetector } from './detect/secret.js';
import type { ShapeDetector } from './detect/shape.js';

const SHAPES: readonly ShapeDetector[] = [secretDetector, emailDetector, ibanDetector, ipv6Detector, numericDetector];

const COMBINED = new RegExp(SHAPES.map((shape) => shape.source).join('|'), 'g');

function shapeOf(groups: Record<string, string | undefined> | undefined): ShapeDetector | undefined {
  return SHAPES.find((shape) => groups?.[shape.name] !== undefined);
}

/** Built-in entity spans in text order, not overlapping. */
export function scanBuiltins(text: string): Span[] {
  const spans: Span[] = [];
  // Shared across calls: the scan is synchronous, and lastIndex is reset first.
  COMBINED.lastIndex = 0;
  for (let match = COMBINED.exec(text); match !== null; match = COMBINED.exec(text)) {
    const end = match.index + match[0].length;
    const found = shapeOf(match.groups)?.confirm(text, match.index, end) ?? [];
    spans.push(...found);
    const last = found[found.length - 1];
    COMBINED.lastIndex = last === undefined ? Math.max(end, match.index + 1) : last.end;
  }
  return spans;
}

/** Keeps the earliest span, the longest at equal starts; later spans overlapping a kept one go. */
export function resolveOverlaps(spans: readonly Span[]): Span[] {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  let reached = 0;
  for (const span of ordered) {
    if (span.start < reached) continue;
    kept.push(span);
    reached = span.end;
  }
  return kept;
}

export function scanText(text: string, custom: readonly CustomDetector[] = []): Span[] {
  const builtins = scanBuiltins(text);
  if (custom.length === 0) return builtins;
  return resolveOverlaps([...builtins, ...custom.flatMap((detector) => scanCustom(detector, text))]);
}
