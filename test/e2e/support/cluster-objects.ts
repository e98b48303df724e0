// Objects the end-to-end suites need in the real apiserver: the CRDs, sidecar Pods bound to a
// fake node (no kubelet runs them), their ServiceAccount, and TokenRequest tokens bound to each
// Pod with audience "switchyard", exactly what a projected volume would hold.
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { kubectl } from '../../support/cluster.js';

const repoRoot = new URL('../../../', import.meta.url);

async function run(args: readonly string[], stdin?: string): Promise<string> {
  const result = await kubectl(args, stdin === undefined ? {} : { stdin });
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

export async function installCrds(): Promise<void> {
  await run(['apply', '--server-side', '--force-conflicts', '--field-manager=switchyard-e2e', '-f', new URL('crds/', repoRoot).pathname]);
  await run(['wait', '--for=condition=Established', '--timeout=60s',
    'crd/modelroutes.switchyard.dev', 'crd/providerpools.switchyard.dev', 'crd/budgetpolicies.switchyard.dev']);
}

export interface SidecarPod {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

export async function createServiceAccount(kc: KubeConfig, namespace: string, name: string): Promise<void> {
  await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
}

export async function createSidecarPod(
  kc: KubeConfig, namespace: string, name: string, serviceAccount: string, labels: Record<string, string>,
): Promise<SidecarPod> {
  const pod = await kc.makeApiClient(CoreV1Api).createNamespacedPod({
    namespace,
    body: {
      metadata: { name, labels: { 'switchyard.dev/sidecar': 'true', ...labels } },
      spec: { nodeName: 'fake-node-1', serviceAccountName: serviceAccount, containers: [{ name: 'app', image: 'example.invalid/app:1' }] },
    },
  });
  return { namespace, name, uid: pod.metadata?.uid ?? '' };
}

export async function boundToken(kc: KubeConfig, pod: SidecarPod, serviceAccount: string, audience = 'switchyard'): Promise<string> {
  const request = await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    namespace: pod.namespace,
    name: serviceAccount,
    body: { spec: { audiences: [audience], expirationSeconds: 3600, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.name, uid: pod.uid } } },
  });
  const token = request.status?.token;
  if (token === undefined) throw new Error('TokenRequest returned no token');
  return token;
}

export async function createSecret(kc: KubeConfig, namespace: string, name: string, data: Record<string, string>): Promise<void> {
  await kc.makeApiClient(CoreV1Api).createNamespacedSecret({ namespace, body: { metadata: { name }, stringData: data } });
}

/** Server-side apply of one of our resources, as `kubectl apply --server-side` would. */
export async function applyResource(kc: KubeConfig, namespace: string, resource: { kind: string; metadata: { name: string }; spec: unknown }): Promise<void> {
  const plural = { ModelRoute: 'modelroutes', ProviderPool: 'providerpools', BudgetPolicy: 'budgetpolicies' }[resource.kind];
  if (plural === undefined) throw new Error(`unknown kind ${resource.kind}`);
  await kc.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject(
    {
      group: 'switchyard.dev', version: 'v1alpha1', namespace, plural, name: resource.metadata.name,
      body: { apiVersion: 'switchyard.dev/v1alpha1', ...resource, metadata: { ...resource.metadata, namespace } },
      fieldManager: 'switchyard-e2e', force: true,
    },
    setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
  );
}

export async function deleteResource(kc: KubeConfig, namespace: string, plural: string, name: string): Promise<void> {
  await kc.makeApiClient(CustomObjectsApi).deleteNamespacedCustomObject({ group: 'switchyard.dev', version: 'v1alpha1', namespace, plural, name });
}

export interface RouteStatusView {
  readonly conditions: { type: string; status: string; reason: string; message: string; lastTransitionTime: string }[];
  readonly synced?: string;
  readonly configVersion?: string;
  readonly observedGeneration?: number;
  readonly generation?: number;
}

export async function readStatus(kc: KubeConfig, namespace: string, plural: string, name: string): Promise<RouteStatusView> {
  const object = await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'switchyard.dev', version: 'v1alpha1', namespace, plural, name }) as {
    metadata?: { generation?: number };
    status?: Omit<RouteStatusView, 'generation'>;
  };
  return { conditions: [], ...object.status, ...(object.metadata?.generation === undefined ? {} : { generation: object.metadata.generation }) };
}
