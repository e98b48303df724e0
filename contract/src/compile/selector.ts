// Kubernetes label selector semantics: matching a workload's labels, and deciding whether two
// selectors can never select the same pod.
import type { LabelSelector } from '../api/types.js';

type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
interface Requirement {
  key: string;
  operator: Operator;
  values: readonly string[];
}

function requirements(selector: LabelSelector | undefined): Requirement[] {
  const fromLabels = Object.entries(selector?.matchLabels ?? {})
    .map(([key, value]): Requirement => ({ key, operator: 'In', values: [value] }));
  const fromExpressions = (selector?.matchExpressions ?? [])
    .map(({ key, operator, values }): Requirement => ({ key, operator, values: values ?? [] }));
  return [...fromLabels, ...fromExpressions];
}

/** Own properties only: a label named "constructor" must not find Object.prototype's. */
export function labelValue(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function satisfies(labels: Readonly<Record<string, string>>, requirement: Requirement): boolean {
  const value = labelValue(labels, requirement.key);
  switch (requirement.operator) {
    case 'In': return value !== undefined && requirement.values.includes(value);
    case 'NotIn': return value === undefined || !requirement.values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
  }
}

/** An absent selector selects every pod. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  return requirements(selector).every((requirement) => satisfies(labels, requirement));
}

function contradict(a: Requirement, b: Requirement): boolean {
  const pair = `${a.operator}/${b.operator}`;
  switch (pair) {
    case 'In/In': return !a.values.some((value) => b.values.includes(value));
    case 'In/NotIn': return a.values.every((value) => b.values.includes(value));
    case 'NotIn/In': return contradict(b, a);
    case 'In/DoesNotExist':
    case 'DoesNotExist/In':
    case 'Exists/DoesNotExist':
    case 'DoesNotExist/Exists':
      return true;
    default:
      return false;
  }
}

/** False only when no set of labels can satisfy both selectors. */
export function selectorsMayOverlap(a: LabelSelector | undefined, b: LabelSelector | undefined): boolean {
  const right = requirements(b);
  return !requirements(a).some((ra) => right.some((rb) => ra.key === rb.key && contradict(ra, rb)));
}
