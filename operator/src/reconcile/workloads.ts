// Sidecar pods → workloads. Pods of one workload share their labels except the ones a controller
// stamps per pod or per revision, so the rest of the label set is the workload's identity: the
// operator compiles once per distinct set and every pod with that set gets the same config.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@switchyard/contract';
import type { PodInfo } from '../kube/port.js';

/** Labels that differ between pods of one workload (or between its rollouts). */
const PER_POD_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/job-completion-index',
]);

const NAME_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app'];

export interface Workload {
  /** Stable key: namespace plus a hash of the identifying labels. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Pod names, sorted. */
  readonly pods: readonly string[];
}

export function workloadLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([key]) => !PER_POD_LABELS.has(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function workloadKeyOf(namespace: string, labels: Readonly<Record<string, string>>): string {
  const digest = createHash('sha256').update(canonicalJson(workloadLabels(labels))).digest('hex').slice(0, 12);
  return `${namespace}/${digest}`;
}

function nameOf(labels: Readonly<Record<string, string>>, key: string): string {
  for (const label of NAME_LABELS) {
    const value = Object.hasOwn(labels, label) ? labels[label] : undefined;
    if (value !== undefined && value !== '') return value;
  }
  return `workload-${key.slice(key.indexOf('/') + 1)}`;
}

/** Live (not terminating) pods grouped by workload, sorted by key. */
export function groupWorkloads(namespace: string, pods: readonly PodInfo[]): Workload[] {
  const groups = new Map<string, { labels: Record<string, string>; pods: string[] }>();
  for (const pod of pods) {
    if (pod.deleting || pod.namespace !== namespace) continue;
    const key = workloadKeyOf(namespace, pod.labels);
    const group = groups.get(key) ?? { labels: workloadLabels(pod.labels), pods: [] };
    group.pods.push(pod.name);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => ({ key, namespace, name: nameOf(group.labels, key), labels: group.labels, pods: group.pods.sort() }));
}
