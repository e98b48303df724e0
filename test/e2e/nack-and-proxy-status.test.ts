// A sidecar that refuses its config shows up in the route's Ready condition and in
// proxy-status; proxy-status itself is only for callers RBAC allows.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { runProxyStatus } from '../../operator/src/commands/proxy-status.js';
import { fetchSidecars } from '../../operator/src/commands/proxy-status-fetch.js';
import type { RunningOperator } from '../../operator/src/operator.js';
import { createTestNamespace, loadKubeConfig, waitFor } from '../support/cluster.js';
import {
  applyResource, boundToken, createServiceAccount, createSidecarPod, installCrds, readStatus, type SidecarPod,
} from './support/cluster-objects.js';
import { pkiPath, startFleet, startTestOperator, stopFleet, type FleetMember } from './support/fleet.js';
import { startNackingSidecar, type NackingSidecar } from './support/nacking-sidecar.js';

jest.setTimeout(90_000);

const kc = loadKubeConfig();
let namespace = '';
let operator: RunningOperator;
let fleet: FleetMember[] = [];
let nacking: NackingSidecar;
let pods: SidecarPod[] = [];

beforeAll(async () => {
  await installCrds();
  namespace = await createTestNamespace('e2e-nack');
  await createServiceAccount(kc, namespace, 'web');
  pods = await Promise.all([0, 1, 2].map((i) => createSidecarPod(kc, namespace, `web-${i}`, 'web', { app: 'web' })));
  const tokens = await Promise.all(pods.map((pod) => boundToken(kc, pod, 'web')));
  operator = await startTestOperator({ kc, namespaces: [namespace] });
  const url = `https://127.0.0.1:${operator.channelPort}`;
  fleet = await startFleet(url, pods.slice(0, 2).map((pod, i) => ({ pod: `${namespace}/${pod.name}`, token: tokens[i]! })));
  nacking = startNackingSidecar(url, `${namespace}/web-2`, tokens[2]!, 'BuildFailed', 'endpoint sims/a: no adapter for provider');
  await applyResource(kc, namespace, {
    kind: 'ProviderPool', metadata: { name: 'main' },
    spec: { endpoints: [{ name: 'local', provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', inCluster: true,
      models: [{ name: 'm', capabilities: { contextWindowTokens: 8000 }, pricing: { inputPerMillion: '0', outputPerMillion: '0' } }] }] },
  });
  await applyResource(kc, namespace, { kind: 'ModelRoute', metadata: { name: 'chat' }, spec: { match: { models: ['chat'] }, targets: [{ name: 'main', pool: 'main', model: 'm' }] } });
});

afterAll(async () => {
  nacking.close();
  await stopFleet(fleet);
  await operator.stop();
});

describe('a sidecar that refuses the config', () => {
  it('turns the route Ready=False SidecarsRejected within 5 s, naming the pod and its reason', async () => {
    const ready = await waitFor(async () => {
      const condition = (await readStatus(kc, namespace, 'modelroutes', 'chat')).conditions.find((c) => c.type === 'Ready');
      return condition?.reason === 'SidecarsRejected' ? condition : undefined;
    }, 5000, 50);
    expect(ready.status).toBe('False');
    expect(ready.message).toContain(`${namespace}/web-2: BuildFailed: endpoint sims/a: no adapter for provider`);
    await waitFor(async () => (await readStatus(kc, namespace, 'modelroutes', 'chat')).synced === '2/3', 5000, 50);
  });
});

describe('proxy-status', () => {
  it('prints one row per sidecar with SYNCED or NACK', async () => {
    await waitFor(() => fleet.every((member) => member.running.sidecar.holder.current?.config.routes.length === 1), 5000, 20);
    let output = '';
    const code = await runProxyStatus(['--operator-url', `https://127.0.0.1:${operator.channelPort}`, '-n', namespace], (text) => { output += text; });
    console.log(output);
    expect(code).toBe(0);
    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(/^POD\s+NAMESPACE\s+WORKLOAD\s+VERSION\s+REVISION\s+SYNCED\s+AGE$/);
    expect(lines.slice(1).map((line) => line.split(/\s{3,}/)[5])).toEqual(['SYNCED', 'SYNCED', 'NACK (BuildFailed)']);
  });

  it.each([
    ['refuses a caller with no credentials', {}, '401'],
    ['refuses a ServiceAccount token RBAC does not allow', 'token', '403'],
  ])('%s', async (_name, credentials, status) => {
    const ca = readFileSync(pkiPath('ca.crt'));
    const token = credentials === 'token' ? await boundToken(kc, pods[0]!, 'web', kc.getCurrentCluster()!.server) : undefined;
    await expect(fetchSidecars(`https://127.0.0.1:${operator.channelPort}`, { ca, ...(token === undefined ? {} : { token }) }))
      .rejects.toThrow(new RegExp(`: ${status} `));
  });
});
