// Span-level scoring against the gold spans, presidio-research style: a gold span is found when
// a detection of the same type overlaps it with IoU >= 0.9; a detection is a true positive when
// it overlaps a gold span of its type, a false positive otherwise.

import type { Span } from '../../sidecar/src/pii/index.js';
import type { CorpusItem, GoldSpan } from './corpus.js';
import { GOLD_TYPES, type GoldType } from './values.js';

export interface TypeScore {
  readonly type: GoldType;
  readonly gold: number;
  readonly found: number;
  readonly detections: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
}

export interface Miss {
  readonly item: string;
  readonly type: GoldType;
  readonly text: string;
  readonly detail: string;
}

const IOU = 0.9;

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function iou(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const shared = overlap(a, b);
  return shared / (a.end - a.start + (b.end - b.start) - shared);
}

export function scoreCorpus(items: readonly CorpusItem[], detect: (text: string) => readonly Span[]): { scores: TypeScore[]; misses: Miss[] } {
  const tally = new Map<GoldType, { gold: number; found: number; detections: number; tp: number }>(
    GOLD_TYPES.map((type) => [type, { gold: 0, found: 0, detections: 0, tp: 0 }]),
  );
  const misses: Miss[] = [];
  for (const item of items) {
    const detections = detect(item.text).filter((span): span is Span & { kind: GoldType } => (GOLD_TYPES as readonly string[]).includes(span.kind));
    for (const gold of item.spans) {
      const entry = tally.get(gold.type);
      if (!entry) continue;
      entry.gold += 1;
      if (detections.some((span) => span.kind === gold.type && iou(span, gold) >= IOU)) entry.found += 1;
      else misses.push({ item: item.id, type: gold.type, text: item.text, detail: `missed ${JSON.stringify(gold.value)}; got ${describe(item.text, detections)}` });
    }
    for (const span of detections) {
      const entry = tally.get(span.kind);
      if (!entry) continue;
      entry.detections += 1;
      if (item.spans.some((gold: GoldSpan) => gold.type === span.kind && overlap(span, gold) > 0)) entry.tp += 1;
      else misses.push({ item: item.id, type: span.kind, text: item.text, detail: `false ${span.kind} ${JSON.stringify(item.text.slice(span.start, span.end))}` });
    }
  }
  const scores = GOLD_TYPES.map((type): TypeScore => {
    const { gold, found, detections, tp } = tally.get(type) ?? { gold: 0, found: 0, detections: 0, tp: 0 };
    return { type, gold, found, detections, truePositives: tp, precision: detections === 0 ? 1 : tp / detections, recall: gold === 0 ? 1 : found / gold };
  });
  return { scores, misses };
}

function describe(text: string, spans: readonly Span[]): string {
  return spans.map((span) => `${span.kind}:${JSON.stringify(text.slice(span.start, span.end))}`).join(', ') || 'nothing';
}
