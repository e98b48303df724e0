// Findings → one verdict per resource, shaped as the three conditions the operator writes.
import { compareText } from './order.js';
import { TRUE_REASON } from './reasons.js';
import type { ConditionType, Finding, ResourceCondition, ResourceKind, ResourceStatus } from './types.js';

const CONDITION_TYPES: readonly ConditionType[] = ['ResolvedRefs', 'Accepted', 'Ready'];

/** Kubernetes allows 32768; a condition message longer than this is no longer read. */
const MAX_MESSAGE = 1024;

function joined(findings: readonly Finding[], prefix = ''): string {
  const message = prefix + findings.map((f) => f.message).join('; ');
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}

const TRUE_MESSAGE: Readonly<Record<ConditionType, string>> = {
  ResolvedRefs: 'All references resolved',
  Accepted: 'The spec is valid',
  Ready: 'Compiled into the sidecar config wherever it applies',
};

function conditionOf(type: ConditionType, own: readonly Finding[], all: readonly Finding[]): ResourceCondition {
  if (type === 'Ready' && all.length > 0) {
    // Ready is False whenever the resource is left out; a Ready finding says why best, else the first other one.
    const cause = own[0] ?? all[0]!;
    return { type, status: 'False', reason: cause.reason, message: joined(all, 'Left out of the sidecar config: ') };
  }
  if (own.length === 0) return { type, status: 'True', reason: TRUE_REASON[type], message: TRUE_MESSAGE[type] };
  return { type, status: 'False', reason: own[0]!.reason, message: joined(own) };
}

/** Findings must be sorted; the verdicts come out sorted by kind and name. */
export function resourceStatusOf(present: readonly { kind: ResourceKind; name: string }[], findings: readonly Finding[]): ResourceStatus[] {
  return [...present]
    .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.name, b.name))
    .map(({ kind, name }) => {
      const all = findings.filter((f) => f.kind === kind && f.name === name);
      return { kind, name, conditions: CONDITION_TYPES.map((type) => conditionOf(type, all.filter((f) => f.type === type), all)) };
    });
}
