// The CA ConfigMap (key ca.crt) that injected sidecars mount to trust the operator's channel.
// A ConfigMap volume must live in the pod's own namespace, so the operator keeps one in every
// namespace that has (or may get) injected pods; see caNamespaces() and README.md.
import { CoreV1Api, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { failedWith } from './api-status.js';
import { caKey, injectLabel, namespaceInjectValue, sidecarLabel } from './labels.js';

export type CaConfigMapResult = 'Unchanged' | 'Created' | 'Updated';

export async function ensureCaConfigMap(kc: KubeConfig, namespace: string, name: string, caPem: string): Promise<CaConfigMapResult> {
  const core = kc.makeApiClient(CoreV1Api);
  for (let attempt = 0; attempt < 5; attempt++) {
    let current: V1ConfigMap | undefined;
    try {
      current = await core.readNamespacedConfigMap({ name, namespace });
    } catch (error: unknown) {
      if (!failedWith(error, 404)) throw error;
    }
    try {
      if (current === undefined) {
        await core.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'switchyard' } }, data: { [caKey]: caPem } },
        });
        return 'Created';
      }
      if (current.data?.[caKey] === caPem) return 'Unchanged';
      await core.replaceNamespacedConfigMap({ name, namespace, body: { ...current, data: { ...current.data, [caKey]: caPem } } });
      return 'Updated';
    } catch (error: unknown) {
      if (!failedWith(error, 409)) throw error;
    }
  }
  throw new Error(`ConfigMap ${namespace}/${name} kept changing; CA not published`);
}

/** Namespaces that need the CA ConfigMap: labelled for injection, or holding an injected pod. */
export async function caNamespaces(kc: KubeConfig): Promise<string[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const [namespaces, pods] = await Promise.all([
    core.listNamespace({ labelSelector: `${injectLabel}=${namespaceInjectValue}` }),
    core.listPodForAllNamespaces({ labelSelector: `${sidecarLabel}=true` }),
  ]);
  const names = new Set<string>();
  for (const ns of namespaces.items) if (ns.metadata?.name) names.add(ns.metadata.name);
  for (const pod of pods.items) if (pod.metadata?.namespace) names.add(pod.metadata.namespace);
  return [...names].sort();
}

/** One pass of CA distribution; the operator runs it periodically (e.g. every 30 s). */
export async function distributeCa(kc: KubeConfig, name: string, caPem: string): Promise<void> {
  for (const namespace of await caNamespaces(kc)) await ensureCaConfigMap(kc, namespace, name, caPem);
}
