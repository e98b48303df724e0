// Helpers for cluster-tier suites. They run inside test/cluster/with-cluster.sh, which starts one
// control plane per jest run and exports KUBECONFIG and the SWITCHYARD_* variables read here.
import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { clusterEnv } from './env.js';

export { clusterEnv } from './env.js';
export { helm, kubectl } from './tools.js';
export type { ToolOptions, ToolResult } from './tools.js';
export { waitFor } from './wait.js';

export function loadKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterEnv('KUBECONFIG'));
  return kc;
}

// A DNS-1123 label unique per call. Namespaces are never awaited for deletion: without a
// namespace controller they stay Terminating forever, and the run dir is thrown away anyway.
export async function createTestNamespace(prefix: string, kc: KubeConfig = loadKubeConfig()): Promise<string> {
  const stem = prefix.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'test';
  const name = `${stem}-${randomBytes(4).toString('hex')}`;
  await kc.makeApiClient(CoreV1Api).createNamespace({
    body: { metadata: { name, labels: { 'app.kubernetes.io/part-of': 'switchyard-tests' } } },
  });
  return name;
}
