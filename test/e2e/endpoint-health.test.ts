// Endpoint health on ProviderPool status, from what sidecars report: three sidecars against the
// real apiserver and operator; one of them has its endpoint ejected by passive health after
// failures, sends a health frame, and the leader writes status.endpoints[].health and the
// ENDPOINTS printer column that `kubectl get providerpools` shows. Budget accounting's
// quotaRemaining on the same entries survives those writes; a sidecar that leaves stops counting.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunningOperator } from '../../operator/src/operator.js';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { createTestNamespace, kubectl, loadKubeConfig, waitFor } from '../support/cluster.js';
import { chat } from './support/chat.js';
import { applyResource, boundToken, createSecret, createServiceAccount, createSidecarPod, installCrds } from './support/cluster-objects.js';
import { startFleet, startTestOperator, stopFleet, type FleetMember } from './support/fleet.js';
import { operatorIdentity } from './support/operator-identity.js';

jest.setTimeout(120_000);

interface EndpointEntry { name: string; health: string; message?: string; quotaRemaining?: string; canaryReady?: boolean }
interface PoolView { health?: string; endpoints?: EndpointEntry[] }

const kc = loadKubeConfig();
let namespace = '';
let operator: RunningOperator;
let good: Simulator;
let bad: Simulator;
let fleet: FleetMember[] = [];

function endpoint(name: string, sim: Simulator, health?: Record<string, number>): Record<string, unknown> {
  return {
    name, provider: 'openai', baseURL: `${sim.url}/v1`, inCluster: true, credentials: { secretRef: { name: 'sim-key' } },
    ...(health === undefined ? {} : { health }),
    models: [{ name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.6' } }],
  };
}

function route(name: string, target: string): { kind: string; metadata: { name: string }; spec: unknown } {
  return {
    kind: 'ModelRoute', metadata: { name },
    spec: { match: { models: [name] }, targets: [{ name: 'main', pool: 'sims', endpoint: target, model: 'gpt-4o-mini' }], retry: { maxAttempts: 1 } },
  };
}

async function poolStatus(): Promise<PoolView> {
  const result = await kubectl(['get', 'providerpool', 'sims', '-n', namespace, '-o', 'jsonpath={.status}']);
  return result.stdout === '' ? {} : (JSON.parse(result.stdout) as PoolView);
}

const entry = (view: PoolView, name: string): EndpointEntry | undefined => view.endpoints?.find((candidate) => candidate.name === name);

beforeAll(async () => {
  await installCrds();
  namespace = await createTestNamespace('e2e-endpoint-health');
  [good, bad] = await Promise.all([startSimulator({ dialect: 'openai' }), startSimulator({ dialect: 'openai' })]);
  await createServiceAccount(kc, namespace, 'web');
  await createSecret(kc, namespace, 'sim-key', { apiKey: 'sk-sim-health' });
  await applyResource(kc, namespace, {
    kind: 'ProviderPool', metadata: { name: 'sims' },
    spec: { endpoints: [endpoint('good', good), endpoint('bad', bad, { consecutiveFailures: 2, baseEjectionSeconds: 60 }), endpoint('spare', good)] },
  });
  await applyResource(kc, namespace, route('chat-good', 'good'));
  await applyResource(kc, namespace, route('chat-bad', 'bad'));
  const pods = await Promise.all(['web-0', 'web-1', 'web-2'].map((name) => createSidecarPod(kc, namespace, name, 'web', { app: 'web' })));
  const tokens = await Promise.all(pods.map((pod) => boundToken(kc, pod, 'web')));
  const identity = await operatorIdentity(kc);
  operator = await startTestOperator({ kc: identity.kubeConfig, stateNamespace: identity.namespace, namespaces: [namespace] });
  fleet = await startFleet(`https://127.0.0.1:${operator.channelPort}`, pods.map((pod, index) => ({ pod: `${namespace}/${pod.name}`, token: tokens[index] ?? '' })));
  await waitFor(() => fleet.every((member) => member.running.sidecar.holder.current?.config.routes.length === 2), 15_000, 20);
}, 120_000);

afterAll(async () => {
  await stopFleet(fleet);
  await operator?.stop();
  await Promise.all([good?.close(), bad?.close()]);
});

describe('ProviderPool endpoint health from sidecar reports', () => {
  it('starts with every used endpoint healthy and the unused one unknown', async () => {
    const view = await waitFor(async () => {
      const status = await poolStatus();
      return status.health === '2/3 healthy' && entry(status, 'bad')?.message === 'Healthy on 3 sidecars.' ? status : undefined;
    }, 15_000, 100);
    expect(entry(view, 'good')).toMatchObject({ health: 'Healthy', message: 'Healthy on 3 sidecars.' });
    expect(entry(view, 'spare')).toMatchObject({ health: 'Unknown' });
  });

  it('shows the endpoint one sidecar ejected, in kubectl get providerpools too, keeping quotaRemaining', async () => {
    // What budget accounting writes: its own field on the same entries.
    const quota = { status: { endpoints: [{ name: 'good', health: 'Healthy', quotaRemaining: '12.5' }, { name: 'bad', health: 'Healthy' }, { name: 'spare', health: 'Unknown' }] } };
    const patched = await kubectl(['patch', 'providerpool', 'sims', '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify(quota)]);
    expect(patched.stderr).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 500));
    bad.script({ status: 503, always: true });
    const sidecar = fleet[0]!.running.sidecar;
    for (let index = 0; index < 2; index += 1) expect((await chat(sidecar.url, 'chat-bad')).status).toBe(503);
    const view = await waitFor(async () => {
      const status = await poolStatus();
      return entry(status, 'bad')?.health === 'Ejected' ? status : undefined;
    }, 10_000, 100);
    expect(view.health).toBe('1/3 healthy');
    expect(entry(view, 'bad')?.message).toBe('Ejected by 1 of 3 sidecars (failures).');
    expect(entry(view, 'good')).toMatchObject({ health: 'Healthy', quotaRemaining: '12.5' });
    const table = await kubectl(['get', 'providerpools', '-n', namespace]);
    expect(table.stdout).toMatch(/^NAME\s+READY\s+ENDPOINTS\s+AGE\n/);
    expect(table.stdout).toMatch(/\nsims\s+True\s+1\/3 healthy\s+/);
  });

  it('stops counting a sidecar that left: the endpoint is healthy again on the others', async () => {
    bad.clearScripts();
    await fleet[0]!.running.close(0);
    fleet = fleet.slice(1);
    const view = await waitFor(async () => {
      const status = await poolStatus();
      return entry(status, 'bad')?.health === 'Healthy' ? status : undefined;
    }, 10_000, 100);
    expect(entry(view, 'bad')?.message).toBe('Healthy on 2 sidecars.');
    expect(view.health).toBe('2/3 healthy');
  });

  it('exposes the aggregate on the operator metrics', async () => {
    const text = await operator.metrics.registry.metrics();
    expect(text).toMatch(new RegExp(`switchyard_operator_endpoint_health\\{namespace="${namespace}",endpoint="sims/bad",health="Healthy"\\} 1`));
    expect(text).toMatch(/switchyard_operator_health_reports_total [1-9]/);
  });
});
