// An experiment end to end, against the real apiserver: two operator replicas on one Lease, one
// sidecar connected to each, traffic through both. The leader writes ModelRoute
// status.experiments summed over both sidecars (the follower's figures reach it through the
// replica report), and each sidecar's /metrics counts its variants.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import type { ModelRouteStatus } from '@switchyard/contract';
import { silentLogger as silentOperatorLog } from '../../operator/src/log.js';
import { startOperator, type RunningOperator } from '../../operator/src/operator.js';
import { runClusterSidecar, type ClusterSidecar } from '../../sidecar/src/channel/run.js';
import { silentLogger } from '../../sidecar/src/metrics/log.js';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { createTestNamespace, loadKubeConfig, waitFor } from '../support/cluster.js';
import { applyResource, boundToken, createSecret, createServiceAccount, createSidecarPod, installCrds } from './support/cluster-objects.js';
import { pkiPath, writeToken } from './support/fleet.js';
import { operatorIdentity } from './support/operator-identity.js';

jest.setTimeout(90_000);

const kc = loadKubeConfig();
const REQUESTS_PER_SIDECAR = 40;
let namespace = '';
let openai: Simulator;
let anthropic: Simulator;
const operators: RunningOperator[] = [];
const sidecars: ClusterSidecar[] = [];
/** Variant → requests the test saw it serve, from the x-switchyard-experiment header. */
const served = new Map<string, number>();

type Experiments = NonNullable<ModelRouteStatus['experiments']>;

const pool = (): { kind: string; metadata: { name: string }; spec: unknown } => ({
  kind: 'ProviderPool', metadata: { name: 'sims' },
  spec: { endpoints: [
    { name: 'oai', provider: 'openai', baseURL: `${openai.url}/v1`, inCluster: true, credentials: { secretRef: { name: 'keys', key: 'openai' } },
      models: [{ name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.60' } }] },
    { name: 'ant', provider: 'anthropic', baseURL: `${anthropic.url}/v1`, inCluster: true, credentials: { secretRef: { name: 'keys', key: 'anthropic' } },
      models: [{ name: 'claude-haiku-4-5', capabilities: { contextWindowTokens: 200000 }, pricing: { inputPerMillion: '1.00', outputPerMillion: '5.00' } }] },
  ] },
});

const route = { kind: 'ModelRoute', metadata: { name: 'support' }, spec: {
  match: { models: ['support'] },
  targets: [{ name: 'mini', pool: 'sims', model: 'gpt-4o-mini' }, { name: 'haiku', pool: 'sims', model: 'claude-haiku-4-5' }],
  experiments: [{
    name: 'haiku-trial', sticky: 'user',
    variants: [{ name: 'control', target: 'mini', weight: 50 }, { name: 'candidate', target: 'haiku', weight: 50 }],
    // The simulators answer "Hello from <provider> <model>: …", so only the control's answers pass.
    evaluator: { type: 'expected-answer', expectContains: 'gpt-4o-mini' },
  }],
} };

async function startReplica(identity: string, kubeConfig: typeof kc, leaseNamespace: string): Promise<RunningOperator> {
  const [cert, key, clientCa] = await Promise.all([readFile(pkiPath('webhook.crt')), readFile(pkiPath('webhook.key')), readFile(pkiPath('ca.crt'))]);
  return startOperator({
    kubeConfig, identity, channel: { port: 0, cert, key, clientCa, pingMs: 2000 }, namespaces: [namespace], log: silentOperatorLog,
    leaderElection: { namespace: leaseNamespace, leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 200 },
    experimentStatusDelayMs: 300,
  });
}

async function experimentStatus(): Promise<Experiments | undefined> {
  const object = await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: 'switchyard.dev', version: 'v1alpha1', namespace, plural: 'modelroutes', name: 'support',
  }) as { status?: ModelRouteStatus };
  return object.status?.experiments;
}

beforeAll(async () => {
  await installCrds();
  const identity = await operatorIdentity(kc);
  namespace = await createTestNamespace('e2e-experiments');
  [openai, anthropic] = await Promise.all([
    startSimulator({ dialect: 'openai', apiKey: 'sk-e2e-openai' }), startSimulator({ dialect: 'anthropic', apiKey: 'sk-e2e-anthropic' }),
  ]);
  await createServiceAccount(kc, namespace, 'web');
  await createSecret(kc, namespace, 'keys', { openai: 'sk-e2e-openai', anthropic: 'sk-e2e-anthropic' });
  await applyResource(kc, namespace, pool());
  await applyResource(kc, namespace, route);
  for (const name of ['replica-a', 'replica-b']) operators.push(await startReplica(name, identity.kubeConfig, identity.namespace));
  await waitFor(() => operators.some((operator) => operator.isLeader()), 10_000, 50);
  const pods = await Promise.all([0, 1].map((i) => createSidecarPod(kc, namespace, `web-${i}`, 'web', { app: 'web' })));
  // One sidecar on the leader, one on the follower.
  const ordered = [operators.find((o) => o.isLeader())!, operators.find((o) => !o.isLeader())!];
  for (const [i, pod] of pods.entries()) {
    const tokenFile = await writeToken(await boundToken(kc, pod, 'web'));
    sidecars.push(await runClusterSidecar({
      operatorUrl: `https://127.0.0.1:${ordered[i]!.channelPort}`, caFile: pkiPath('ca.crt'), tokenFile, pod: `${namespace}/${pod.name}`,
      stateDir: await mkdtemp(join(tmpdir(), 'switchyard-state-')), port: 0, log: silentLogger, experimentFrameMs: 100,
    }));
  }
  await waitFor(() => sidecars.every((sidecar) => sidecar.sidecar.holder.current?.config.routes.some((r) => r.name === 'support') === true), 15_000, 20);
}, 90_000);

afterAll(async () => {
  await Promise.all(sidecars.map((sidecar) => sidecar.close(0)));
  await Promise.all(operators.map((operator) => operator.stop()));
  await Promise.all([openai?.close(), anthropic?.close()]);
});

describe('an experiment across two sidecars and two operator replicas', () => {
  beforeAll(async () => {
    for (const [s, sidecar] of sidecars.entries()) {
      for (let i = 0; i < REQUESTS_PER_SIDECAR; i++) {
        const response = await fetch(`${sidecar.sidecar.url}/v1/chat/completions`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'support', user: `customer-${s}-${i}`, messages: [{ role: 'user', content: 'Where is my order?' }] }),
        });
        await response.text();
        expect(response.status).toBe(200);
        const variant = response.headers.get('x-switchyard-experiment')?.split('/')[1] ?? 'none';
        served.set(variant, (served.get(variant) ?? 0) + 1);
      }
    }
  });

  it('writes per-variant results summed over both sidecars into ModelRoute status', async () => {
    expect([...served.keys()].sort()).toEqual(['candidate', 'control']);
    const total = (experiments: Experiments | undefined): number =>
      experiments?.[0]?.variants.reduce((sum, variant) => sum + variant.requests, 0) ?? 0;
    await waitFor(async () => total(await experimentStatus()) === 2 * REQUESTS_PER_SIDECAR
      && (await experimentStatus())?.[0]?.variants.every((variant) => variant.qualityScore !== undefined) === true, 20_000, 100);
    const [experiment] = (await experimentStatus())!;
    expect(experiment?.name).toBe('haiku-trial');
    const byName = new Map(experiment?.variants.map((variant) => [variant.name, variant]));
    for (const name of ['control', 'candidate']) {
      expect(byName.get(name)).toMatchObject({ requests: served.get(name), errors: 0 });
      expect(byName.get(name)?.p50LatencyMilliseconds).toBeGreaterThanOrEqual(0);
      expect(byName.get(name)?.costPerRequest).toMatch(/^0\.[0-9]*[1-9][0-9]*$/);
    }
    expect(byName.get('control')?.qualityScore).toBe('1');
    expect(byName.get('candidate')?.qualityScore).toBe('0');
    // Haiku's list price is several times GPT-4o mini's, and so is its cost per request.
    expect(Number(byName.get('candidate')?.costPerRequest)).toBeGreaterThan(Number(byName.get('control')?.costPerRequest));
  });

  it('counts the variants in the sidecars\' /metrics', async () => {
    // Both sidecars run in this one test process, so they share prom-client's registry: either
    // one's /metrics holds both sidecars' counts.
    const text = await (await fetch(`${sidecars[1]!.sidecar.url}/metrics`)).text();
    for (const name of ['control', 'candidate']) {
      const line = text.split('\n').find((entry) => entry.startsWith('switchyard_experiment_requests_total{')
        && entry.includes('route="support"') && entry.includes('experiment="haiku-trial"') && entry.includes(`variant="${name}"`));
      expect(Number(line?.split(' ').at(-1))).toBe(served.get(name));
    }
  });
});
