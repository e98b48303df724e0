import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Labels } from './decide.js';

/**
 * Namespace labels read from the apiserver on every review. A cache would save one GET per pod
 * create but could inject (or skip) with a label removed (or added) seconds ago.
 */
export function namespaceLabelsFromApi(kc: KubeConfig): (namespace: string) => Promise<Labels> {
  const core = kc.makeApiClient(CoreV1Api);
  return async (name) => (await core.readNamespace({ name })).metadata?.labels ?? {};
}
