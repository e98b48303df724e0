// The bench's objects in the real apiserver: CRDs, a namespace, sidecar Pods on a fake node
// (status patched Running; no kubelet runs them), their ServiceAccount, tokens bound to each Pod
// with audience "switchyard", and server-side apply of our resources.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

const run = promisify(execFile);
const crds = new URL('../../crds/', import.meta.url).pathname;

export function loadKubeConfig() {
  const file = process.env.KUBECONFIG;
  if (!file) throw new Error('KUBECONFIG is not set: run through test/cluster/with-cluster.sh');
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

export async function installCrds() {
  const kubectl = process.env.SWITCHYARD_KUBECTL ?? 'kubectl';
  await run(kubectl, ['apply', '--server-side', '--force-conflicts', '--field-manager=switchyard-bench', '-f', crds]);
  await run(kubectl, ['wait', '--for=condition=Established', '--timeout=60s',
    'crd/modelroutes.switchyard.dev', 'crd/providerpools.switchyard.dev', 'crd/budgetpolicies.switchyard.dev']);
}

export async function createNamespace(kc, prefix) {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
  return name;
}

export async function createServiceAccount(kc, namespace, name) {
  await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
}

/** A Pod that looks scheduled and running; returns what a bound token needs. */
export async function createSidecarPod(kc, namespace, name, serviceAccount, labels) {
  const core = kc.makeApiClient(CoreV1Api);
  const pod = await core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name, labels: { 'switchyard.dev/sidecar': 'true', ...labels } },
      spec: { nodeName: 'fake-node-1', serviceAccountName: serviceAccount, containers: [{ name: 'app', image: 'example.invalid/app:1' }] },
    },
  });
  await core.patchNamespacedPodStatus(
    { namespace, name, body: { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  return { namespace, name, uid: pod.metadata?.uid ?? '' };
}

export async function boundToken(kc, pod, serviceAccount) {
  const request = await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    namespace: pod.namespace,
    name: serviceAccount,
    body: { spec: { audiences: ['switchyard'], expirationSeconds: 3600, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.name, uid: pod.uid } } },
  });
  const token = request.status?.token;
  if (token === undefined) throw new Error('TokenRequest returned no token');
  return token;
}

const plurals = { ModelRoute: 'modelroutes', ProviderPool: 'providerpools', BudgetPolicy: 'budgetpolicies' };

/** Server-side apply, as `kubectl apply --server-side` does. */
export async function applyResource(kc, namespace, resource) {
  await kc.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject(
    {
      group: 'switchyard.dev', version: 'v1alpha1', namespace, plural: plurals[resource.kind], name: resource.metadata.name,
      body: { apiVersion: 'switchyard.dev/v1alpha1', ...resource, metadata: { ...resource.metadata, namespace } },
      fieldManager: 'switchyard-bench', force: true,
    },
    setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
  );
}
