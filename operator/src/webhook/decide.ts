// The injection truth table (README.md in this folder). Pure: the namespace's labels are passed in.
import type { V1Pod } from '@kubernetes/client-node';
import {
  injectLabel,
  namespaceInjectValue,
  podInjectValue,
  podOptOutValue,
  sidecarContainerName,
  systemNamespaces,
} from './labels.js';

export type Labels = Readonly<Record<string, string>>;

export type InjectionDecision =
  | { inject: true; reason: 'NamespaceEnabled' | 'PodEnabled' }
  | { inject: false; reason: 'SystemNamespace' | 'OperatorNamespace' | 'PodOptedOut' | 'AlreadyInjected' | 'HostNetwork' | 'NotEnabled' };

export function hasSidecar(pod: V1Pod): boolean {
  const spec = pod.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].some((c) => c.name === sidecarContainerName);
}

export function decideInjection(pod: V1Pod, namespace: string, namespaceLabels: Labels, operatorNamespace: string): InjectionDecision {
  if (systemNamespaces.includes(namespace)) return { inject: false, reason: 'SystemNamespace' };
  if (namespace === operatorNamespace) return { inject: false, reason: 'OperatorNamespace' };
  const podValue = pod.metadata?.labels?.[injectLabel];
  if (podValue === podOptOutValue) return { inject: false, reason: 'PodOptedOut' };
  if (hasSidecar(pod)) return { inject: false, reason: 'AlreadyInjected' };
  // The sidecar's ports would be bound on the node itself and collide between pods.
  if (pod.spec?.hostNetwork === true) return { inject: false, reason: 'HostNetwork' };
  if (podValue === podInjectValue) return { inject: true, reason: 'PodEnabled' };
  if (namespaceLabels[injectLabel] === namespaceInjectValue) return { inject: true, reason: 'NamespaceEnabled' };
  return { inject: false, reason: 'NotEnabled' };
}
