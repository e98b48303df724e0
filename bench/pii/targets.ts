// The pass figures, shared by the bench and the golden corpus test.

import type { LatencyReport, LeakReport } from './measure.js';
import type { TypeScore } from './score.js';
import type { GoldType } from './values.js';

export const TARGETS = {
  /** Minimum precision and recall per type. */
  entities: {
    email: 0.99, phone: 0.9, 'credit-card': 0.99, iban: 0.99, 'us-ssn': 0.99, ipv4: 0.99, ipv6: 0.97, secret: 0.99,
  } satisfies Record<GoldType, number>,
  blockLeakRate: 0,
  p99Ms4k: 2,
  p99Ms100k: 20,
  /** Per-byte cost at 100 KB over per-byte cost at 4 KB; 1 is perfectly linear. */
  maxLinearity: 1.5,
  maxAdversarialMs: 50,
} as const;

export interface Figures {
  readonly scores: readonly TypeScore[];
  readonly block: LeakReport;
  readonly small: LatencyReport;
  readonly large: LatencyReport;
  readonly linearity: number;
  readonly worstAdversarialMs: number;
  readonly flaggedNegatives: number;
}

export function checkEntityTargets(scores: readonly TypeScore[]): string[] {
  return scores.flatMap((score) => {
    const target = TARGETS.entities[score.type];
    const failures: string[] = [];
    if (score.gold > 0 && score.recall < target) failures.push(`${score.type} recall ${score.recall.toFixed(4)} < ${target}`);
    if (score.precision < target) failures.push(`${score.type} precision ${score.precision.toFixed(4)} < ${target}`);
    return failures;
  });
}

export function checkTargets(figures: Figures): string[] {
  const failures = checkEntityTargets(figures.scores);
  if (figures.flaggedNegatives > 0) failures.push(`${figures.flaggedNegatives} near-miss sentences flagged`);
  if (figures.block.rate > TARGETS.blockLeakRate) failures.push(`block mode leaked ${figures.block.leaked} values`);
  if (figures.small.p99Ms > TARGETS.p99Ms4k) failures.push(`4 KB p99 ${figures.small.p99Ms.toFixed(3)} ms > ${TARGETS.p99Ms4k} ms`);
  if (figures.large.p99Ms > TARGETS.p99Ms100k) failures.push(`100 KB p99 ${figures.large.p99Ms.toFixed(3)} ms > ${TARGETS.p99Ms100k} ms`);
  if (figures.linearity > TARGETS.maxLinearity) failures.push(`linearity ${figures.linearity.toFixed(2)} > ${TARGETS.maxLinearity}`);
  if (figures.worstAdversarialMs > TARGETS.maxAdversarialMs) failures.push(`adversarial input took ${figures.worstAdversarialMs.toFixed(1)} ms`);
  return failures;
}
