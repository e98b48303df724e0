// Keeps `clientConfig.caBundle` of every webhook in our MutatingWebhookConfiguration equal to our
// CA. The chart never templates caBundle, so Helm (server-side apply in Helm 4) does not own the
// field and an upgrade does not wipe it.
import {
  AdmissionregistrationV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type V1MutatingWebhookConfiguration,
} from '@kubernetes/client-node';
import { failedWith } from './api-status.js';

/** `Missing` when the configuration does not exist (e.g. the chart's webhook is disabled). */
export type CaBundleResult = 'Unchanged' | 'Patched' | 'Missing';

interface JsonPatchOperation {
  op: 'add' | 'replace' | 'test';
  path: string;
  value: unknown;
}

/** JSON Patch ops that set every stale caBundle, guarded by the resourceVersion they were computed from. */
export function caBundleOperations(config: V1MutatingWebhookConfiguration, caPem: string): JsonPatchOperation[] {
  const wanted = Buffer.from(caPem).toString('base64');
  const operations: JsonPatchOperation[] = (config.webhooks ?? []).flatMap((webhook, index) => {
    const current = webhook.clientConfig.caBundle;
    if (current === wanted) return [];
    return [{ op: current === undefined ? 'add' : 'replace', path: `/webhooks/${index}/clientConfig/caBundle`, value: wanted }];
  });
  if (operations.length === 0) return [];
  return [{ op: 'test', path: '/metadata/resourceVersion', value: config.metadata?.resourceVersion }, ...operations];
}

export async function ensureCaBundle(kc: KubeConfig, name: string, caPem: string): Promise<CaBundleResult> {
  const api = kc.makeApiClient(AdmissionregistrationV1Api);
  for (let attempt = 0; attempt < 5; attempt++) {
    let config: V1MutatingWebhookConfiguration;
    try {
      config = await api.readMutatingWebhookConfiguration({ name });
    } catch (error: unknown) {
      if (failedWith(error, 404)) return 'Missing';
      throw error;
    }
    const body = caBundleOperations(config, caPem);
    if (body.length === 0) return 'Unchanged';
    try {
      await api.patchMutatingWebhookConfiguration({ name, body }, setHeaderOptions('Content-Type', PatchStrategy.JsonPatch));
      return 'Patched';
    } catch (error: unknown) {
      // 422 from the `test` op, or 409: someone changed it meanwhile; read again.
      if (!failedWith(error, 409) && !failedWith(error, 422)) throw error;
    }
  }
  throw new Error(`MutatingWebhookConfiguration ${name} kept changing; caBundle not updated`);
}
