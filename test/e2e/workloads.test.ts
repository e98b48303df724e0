// Pods are grouped into workloads by their labels; a route's workloadSelector decides which
// workloads get it, and its status counts only their sidecars.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunningOperator } from '../../operator/src/operator.js';
import { createTestNamespace, loadKubeConfig, waitFor } from '../support/cluster.js';
import { applyResource, boundToken, createServiceAccount, createSidecarPod, installCrds, readStatus } from './support/cluster-objects.js';
import { startFleet, startTestOperator, stopFleet, type FleetMember } from './support/fleet.js';

jest.setTimeout(90_000);

const kc = loadKubeConfig();
let namespace = '';
let operator: RunningOperator;
let fleet: FleetMember[] = [];

const routesOf = (member: FleetMember): string[] | undefined => member.running.sidecar.holder.current?.config.routes.map((route) => route.name);

beforeAll(async () => {
  await installCrds();
  namespace = await createTestNamespace('e2e-workloads');
  await createServiceAccount(kc, namespace, 'app');
  const pods = await Promise.all([
    createSidecarPod(kc, namespace, 'web-a', 'app', { app: 'web', 'pod-template-hash': 'a1' }),
    createSidecarPod(kc, namespace, 'web-b', 'app', { app: 'web', 'pod-template-hash': 'b2' }),
    createSidecarPod(kc, namespace, 'batch-a', 'app', { app: 'batch' }),
  ]);
  const tokens = await Promise.all(pods.map((pod) => boundToken(kc, pod, 'app')));
  operator = await startTestOperator({ kc, namespaces: [namespace] });
  fleet = await startFleet(`https://127.0.0.1:${operator.channelPort}`, pods.map((pod, i) => ({ pod: `${namespace}/${pod.name}`, token: tokens[i]! })));
});

afterAll(async () => {
  await stopFleet(fleet);
  await operator.stop();
});

describe('workloads', () => {
  it('give a route only to the workloads it selects, and count only their sidecars', async () => {
    await applyResource(kc, namespace, {
      kind: 'ProviderPool', metadata: { name: 'main' },
      spec: { endpoints: [{ name: 'local', provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', inCluster: true,
        models: [{ name: 'm', capabilities: { contextWindowTokens: 8000 }, pricing: { inputPerMillion: '0', outputPerMillion: '0' } }] }] },
    });
    await applyResource(kc, namespace, {
      kind: 'ModelRoute', metadata: { name: 'web-chat' },
      spec: { workloadSelector: { matchLabels: { app: 'web' } }, match: { models: ['chat'] }, targets: [{ name: 'main', pool: 'main', model: 'm' }] },
    });
    await waitFor(() => routesOf(fleet[0]!)?.includes('web-chat') === true && routesOf(fleet[1]!)?.includes('web-chat') === true, 5000, 20);
    await waitFor(async () => (await readStatus(kc, namespace, 'modelroutes', 'web-chat')).synced === '2/2', 5000, 50);
    expect(routesOf(fleet[2]!)).toEqual([]);
    expect(fleet[0]!.running.sidecar.holder.current?.config.scope).toEqual({ namespace, workload: 'web' });
    expect(fleet[2]!.running.sidecar.holder.current?.config.scope).toEqual({ namespace, workload: 'batch' });
    // Pods of one workload that differ only in pod-template-hash share one snapshot.
    expect(fleet[0]!.running.sidecar.holder.current?.version).toBe(fleet[1]!.running.sidecar.holder.current?.version);
  });
});
