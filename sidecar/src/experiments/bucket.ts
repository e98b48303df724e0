// Which variant a request gets. Sticky keys hash (32-bit FNV-1a with a murmur3 finaliser, salted
// with the experiment's name so one user lands independently in each experiment) to a point in
// [0, 1) that the variants' weights divide; the same key and weights always give the same
// variant, on every sidecar and after every restart. Without a key the point is drawn afresh.

import type { ExperimentConfig } from '@switchyard/contract';

export type Variant = ExperimentConfig['variants'][number];

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** @example stickyPoint('triage-haiku', 'user-42') // 0.7193… (always) */
export function stickyPoint(experiment: string, key: string): number {
  let hash = FNV_OFFSET;
  const salted = `${experiment}\u0000${key}`;
  for (let i = 0; i < salted.length; i++) hash = Math.imul(hash ^ salted.charCodeAt(i), FNV_PRIME);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4294967296;
}

/**
 * The variant whose share of the total weight holds `point`; undefined when every weight is 0.
 * Weights are relative (the CRD makes them sum to 100).
 *
 * @example variantAt([{ name: 'a', weight: 90, … }, { name: 'b', weight: 10, … }], 0.95).name // 'b'
 */
export function variantAt(variants: readonly Variant[], point: number): Variant | undefined {
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  if (total <= 0) return undefined;
  let edge = 0;
  const scaled = point * total;
  for (const variant of variants) {
    edge += variant.weight;
    if (variant.weight > 0 && scaled < edge) return variant;
  }
  return variants.findLast((variant) => variant.weight > 0);
}
