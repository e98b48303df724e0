// Two operator replicas on one Lease: exactly one writes status; when it stops, the other takes
// the Lease and carries on.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CoordinationV1Api } from '@kubernetes/client-node';
import type { RunningOperator } from '../../operator/src/operator.js';
import { createTestNamespace, loadKubeConfig, waitFor } from '../support/cluster.js';
import { applyResource, boundToken, createServiceAccount, createSidecarPod, installCrds, readStatus } from './support/cluster-objects.js';
import { CountingPort } from './support/counting-port.js';
import { operatorIdentity } from './support/operator-identity.js';
import { startFleet, startTestOperator, stopFleet, type FleetMember } from './support/fleet.js';

jest.setTimeout(90_000);

const kc = loadKubeConfig();
let leaseNamespace = '';
let namespace = '';
const replicas: { operator: RunningOperator; port: CountingPort }[] = [];
let fleet: FleetMember[] = [];

const pool = {
  kind: 'ProviderPool', metadata: { name: 'main' },
  spec: { endpoints: [{
    name: 'local', provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', inCluster: true,
    models: [{ name: 'm', capabilities: { contextWindowTokens: 8000 }, pricing: { inputPerMillion: '0', outputPerMillion: '0' } }],
  }] },
};
const route = (models: string[]): { kind: string; metadata: { name: string }; spec: unknown } => ({
  kind: 'ModelRoute', metadata: { name: 'chat' }, spec: { match: { models }, targets: [{ name: 'main', pool: 'main', model: 'm' }] },
});

async function observed(): Promise<boolean> {
  const status = await readStatus(kc, namespace, 'modelroutes', 'chat');
  return status.observedGeneration === status.generation && status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

beforeAll(async () => {
  await installCrds();
  const operatorAccount = await operatorIdentity(kc);
  leaseNamespace = operatorAccount.namespace;
  namespace = await createTestNamespace('e2e-leader');
  for (const identity of ['replica-a', 'replica-b']) {
    const port = new CountingPort(operatorAccount.kubeConfig);
    const operator = await startTestOperator({
      kc: operatorAccount.kubeConfig, identity, kubePort: port, namespaces: [namespace],
      leaderElection: { namespace: leaseNamespace, leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 200 },
    });
    replicas.push({ operator, port });
  }
});

afterAll(async () => {
  await stopFleet(fleet);
  await Promise.all(replicas.map(({ operator }) => operator.stop()));
});

describe('two replicas', () => {
  it('elect one leader, and only the leader writes status', async () => {
    await waitFor(() => replicas.some(({ operator }) => operator.isLeader()), 5000, 50);
    expect(replicas.filter(({ operator }) => operator.isLeader())).toHaveLength(1);
    await applyResource(kc, namespace, pool);
    await applyResource(kc, namespace, route(['chat']));
    await waitFor(observed, 5000, 50);
    const leader = replicas.find(({ operator }) => operator.isLeader())!;
    const follower = replicas.find(({ operator }) => !operator.isLeader())!;
    expect(leader.port.statusWrites).toBeGreaterThan(0);
    expect(follower.port.statusWrites).toBe(0);
    const lease = await kc.makeApiClient(CoordinationV1Api).readNamespacedLease({ namespace: leaseNamespace, name: 'switchyard-operator' });
    expect(lease.spec?.holderIdentity).toBe(leader.operator.identity);
  });

  it('count sidecars connected to the follower in the status the leader writes', async () => {
    const follower = replicas.find(({ operator }) => !operator.isLeader())!;
    await createServiceAccount(kc, namespace, 'web');
    const pods = await Promise.all([0, 1].map((i) => createSidecarPod(kc, namespace, `web-${i}`, 'web', { app: 'web' })));
    const tokens = await Promise.all(pods.map((pod) => boundToken(kc, pod, 'web')));
    fleet = await startFleet(`https://127.0.0.1:${follower.operator.channelPort}`, pods.map((pod, i) => ({ pod: `${namespace}/${pod.name}`, token: tokens[i]! })));
    await waitFor(async () => (await readStatus(kc, namespace, 'modelroutes', 'chat')).synced === '2/2', 5000, 50);
    expect(follower.port.statusWrites).toBe(0);
  });

  it('hand over when the leader stops: the other takes the Lease and keeps status current', async () => {
    const leader = replicas.find(({ operator }) => operator.isLeader())!;
    const follower = replicas.find(({ operator }) => !operator.isLeader())!;
    const started = performance.now();
    await leader.operator.stop();
    await waitFor(() => follower.operator.isLeader(), 5000, 20);
    console.log(`leadership moved in ${(performance.now() - started).toFixed(0)} ms`);
    const writesBefore = leader.port.statusWrites;
    await applyResource(kc, namespace, route(['chat', 'chat-v2']));
    await waitFor(observed, 5000, 50);
    expect(leader.port.statusWrites).toBe(writesBefore);
    expect(follower.port.statusWrites).toBeGreaterThan(0);
    await waitFor(async () => (await readStatus(kc, namespace, 'modelroutes', 'chat')).synced === '2/2', 5000, 50);
  });
});
