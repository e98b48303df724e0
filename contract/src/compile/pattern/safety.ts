// Rejects patterns a backtracking engine (V8's irregexp) can take exponential time on. The
// blow-up needs a repeated part that can split the same text in more than one way:
//   (a+)+      an inner variable repeat whose characters can also start the next iteration;
//   (a|ab)*    alternatives inside a repeat that can start with the same character;
//   (a?)*      a repeat whose body can match the empty string.
// The test is conservative: a few safe patterns are refused (rewrite them so each iteration
// starts with a character the previous one cannot end with, e.g. (\.[a-z]+)+). Polynomial
// cases such as \d+\d+ are accepted; the sidecar caps the text it scans.

import { EMPTY, intersects, union, type CharSet } from './charset.js';
import type { RegexNode } from './parse.js';

/** RE2's limit on a counted repeat. */
const MAX_REPEAT = 1000;

function nullable(node: RegexNode): boolean {
  switch (node.kind) {
    case 'chars': return false;
    case 'assert': return true;
    case 'seq': return node.items.every(nullable);
    case 'alt': return node.branches.some(nullable);
    case 'repeat': return node.min === 0 || nullable(node.body);
  }
}

/** Characters that can start a match of the node. */
function first(node: RegexNode): CharSet {
  switch (node.kind) {
    case 'chars': return node.set;
    case 'assert': return EMPTY;
    case 'seq': return firstOfSequence(node.items, 0, EMPTY);
    case 'alt': return union(...node.branches.map(first));
    case 'repeat': return node.max === 0 ? EMPTY : first(node.body);
  }
}

/** First characters of items[from..], then `after` if all of them can match empty. */
function firstOfSequence(items: readonly RegexNode[], from: number, after: CharSet): CharSet {
  const sets: CharSet[] = [];
  for (const item of items.slice(from)) {
    sets.push(first(item));
    if (!nullable(item)) return union(...sets);
  }
  return union(...sets, after);
}

/**
 * Walks the tree. `follow` is what may come right after the node within the innermost
 * enclosing repeat (wrapping round to its next iteration); `inLoop` says there is one.
 */
function findHazard(node: RegexNode, follow: CharSet, inLoop: boolean): string | null {
  switch (node.kind) {
    case 'chars':
    case 'assert':
      return null;
    case 'seq':
      for (const [index, item] of node.items.entries()) {
        const hazard = findHazard(item, firstOfSequence(node.items, index + 1, follow), inLoop);
        if (hazard) return hazard;
      }
      return null;
    case 'alt':
      if (inLoop && alternativesOverlap(node.branches)) {
        return 'alternatives inside a repeat that can match the same text (as in (a|ab)*)';
      }
      for (const branch of node.branches) {
        const hazard = findHazard(branch, follow, inLoop);
        if (hazard) return hazard;
      }
      return null;
    case 'repeat':
      return repeatHazard(node, follow, inLoop);
  }
}

function repeatHazard(node: Extract<RegexNode, { kind: 'repeat' }>, follow: CharSet, inLoop: boolean): string | null {
  if (node.min > MAX_REPEAT || (node.max !== Infinity && node.max > MAX_REPEAT)) {
    return `a repeat count above ${MAX_REPEAT}`;
  }
  if (node.max === Infinity && nullable(node.body)) return 'a repeat whose body can match empty text (as in (a?)*)';
  if (inLoop && node.min < node.max && intersects(first(node.body), follow)) {
    return 'a nested quantifier that can split the same text in many ways (as in (a+)+)';
  }
  if (node.max <= 1) return findHazard(node.body, follow, inLoop);
  return findHazard(node.body, union(first(node.body), inLoop ? follow : EMPTY), true);
}

function alternativesOverlap(branches: readonly RegexNode[]): boolean {
  if (branches.filter(nullable).length > 1) return true;
  const firsts = branches.map(first);
  return firsts.some((set, i) => firsts.slice(i + 1).some((other) => intersects(set, other)));
}

/**
 * Why the pattern risks catastrophic backtracking, or null when it does not.
 *
 * @example
 * findBacktrackingHazard(parsed('(a+)+')) // 'a nested quantifier ...'
 */
export function findBacktrackingHazard(node: RegexNode): string | null {
  return findHazard(node, EMPTY, false);
}
