// Kubernetes label-selector matching, for the operator's own questions (which pods a route
// selects for its sidecar count; whether a carried-forward route still applies to a workload).
import type { LabelSelector } from '@switchyard/contract';

function valueOf(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/** An absent selector selects everything; a malformed expression selects nothing. */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  const byLabel = Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => valueOf(labels, key) === value);
  return byLabel && (selector?.matchExpressions ?? []).every(({ key, operator, values }) => {
    const value = valueOf(labels, key);
    switch (operator) {
      case 'In': return value !== undefined && (values ?? []).includes(value);
      case 'NotIn': return value === undefined || !(values ?? []).includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      default: return false;
    }
  });
}
