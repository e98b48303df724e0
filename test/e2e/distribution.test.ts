// The operator against the real apiserver with 20 sidecars, each holding a real token bound to
// its own Pod: routes propagate to all of them within 5 s and status says so; invalid edits are
// reported and change nothing the sidecars serve; an operator outage costs no request; strangers
// get no config.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import type { RunningOperator } from '../../operator/src/operator.js';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { createTestNamespace, loadKubeConfig, waitFor } from '../support/cluster.js';
import { probeChannel } from './support/channel-probe.js';
import { chat } from './support/chat.js';
import {
  applyResource, boundToken, createSecret, createServiceAccount, createSidecarPod, deleteResource, installCrds, readStatus, type SidecarPod,
} from './support/cluster-objects.js';
import { startFleet, startMember, startTestOperator, stopFleet, writeToken, type FleetMember } from './support/fleet.js';
import { describeHistogram, describeLatency } from './support/latency.js';
import { operatorIdentity } from './support/operator-identity.js';

jest.setTimeout(120_000);

const SIDECARS = 20;
const kc = loadKubeConfig();
const latencies: number[] = [];
let namespace = '';
let operator: RunningOperator;
let operatorKc = kc;
let operatorNamespace = '';
const startOperatorHere = (port?: number): Promise<RunningOperator> =>
  startTestOperator({ kc: operatorKc, stateNamespace: operatorNamespace, namespaces: [namespace], ...(port === undefined ? {} : { port }) });
let operatorPort = 0;
let simA: Simulator;
let simB: Simulator;
let pods: SidecarPod[] = [];
let fleet: FleetMember[] = [];

const operatorUrl = (): string => `https://127.0.0.1:${operatorPort}`;

function pool(): { kind: string; metadata: { name: string }; spec: unknown } {
  const endpoint = (name: string, sim: Simulator): unknown => ({
    name, provider: 'openai', baseURL: `${sim.url}/v1`, inCluster: true,
    credentials: { secretRef: { name: 'sim-key' } },
    models: [{ name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.6' } }],
  });
  const local = { ...(endpoint('local', simB) as Record<string, unknown>), credentials: undefined };
  return { kind: 'ProviderPool', metadata: { name: 'sims' }, spec: { endpoints: [endpoint('a', simA), endpoint('b', simB), local] } };
}

function route(spec: Record<string, unknown>): { kind: string; metadata: { name: string }; spec: unknown } {
  return { kind: 'ModelRoute', metadata: { name: 'chat' }, spec: { match: { models: ['chat'] }, ...spec } };
}

const target = (endpoint: string, name = 'main'): unknown => ({ name, pool: 'sims', endpoint, model: 'gpt-4o-mini' });

function routeEndpointOf(member: FleetMember): string | null | undefined {
  const runtime = member.running.sidecar.holder.current;
  if (runtime === null) return undefined;
  return runtime.config.routes.find((r) => r.name === 'chat')?.targets[0]?.backends[0]?.endpointId ?? null;
}

/** Waits until every sidecar passes; records how long each took from `since`. */
async function waitForFleet(since: number, passes: (member: FleetMember) => boolean, timeoutMs = 5000): Promise<void> {
  const done = new Map<string, number>();
  await waitFor(() => {
    for (const member of fleet) if (!done.has(member.pod) && passes(member)) done.set(member.pod, performance.now() - since);
    return done.size === fleet.length;
  }, timeoutMs, 5);
  latencies.push(...done.values());
}

async function routeCondition(type: string): Promise<{ status: string; reason: string; message: string } | undefined> {
  return (await readStatus(kc, namespace, 'modelroutes', 'chat')).conditions.find((c) => c.type === type);
}

beforeAll(async () => {
  await installCrds();
  namespace = await createTestNamespace('e2e-distribution');
  [simA, simB] = await Promise.all([startSimulator({ dialect: 'openai' }), startSimulator({ dialect: 'openai' })]);
  await createServiceAccount(kc, namespace, 'web');
  await createSecret(kc, namespace, 'sim-key', { apiKey: 'sk-sim-e2e' });
  await applyResource(kc, namespace, pool());
  pods = await Promise.all(Array.from({ length: SIDECARS }, (_, i) => createSidecarPod(kc, namespace, `web-${i}`, 'web', { app: 'web' })));
  const tokens = await Promise.all(pods.map((pod) => boundToken(kc, pod, 'web')));
  const identity = await operatorIdentity(kc);
  operatorKc = identity.kubeConfig;
  operatorNamespace = identity.namespace;
  operator = await startOperatorHere();
  operatorPort = operator.channelPort;
  fleet = await startFleet(operatorUrl(), pods.map((pod, i) => ({ pod: `${namespace}/${pod.name}`, token: tokens[i]! })));
  // Every sidecar gets the namespace's config (no route yet) before the tests start.
  await waitFor(() => fleet.every((member) => member.running.sidecar.holder.current !== null), 15_000, 20);
}, 120_000);

afterAll(async () => {
  console.log(describeLatency(`apply → sidecar swap over ${SIDECARS} sidecars`, latencies));
  await stopFleet(fleet);
  await operator?.stop();
  await Promise.all([simA?.close(), simB?.close()]);
});

describe('a route reaching 20 sidecars', () => {
  it('applies: all 20 run it within 5 s, status shows 20/20, and a request follows it', async () => {
    const since = performance.now();
    await applyResource(kc, namespace, route({ targets: [target('a')] }));
    await waitForFleet(since, (member) => routeEndpointOf(member) === 'sims/a');
    await waitFor(async () => (await readStatus(kc, namespace, 'modelroutes', 'chat')).synced === '20/20', 5000, 50);
    const ready = await routeCondition('Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'Synced' });
    const answer = await chat(fleet[0]!.running.sidecar.url, 'chat');
    expect(answer.status).toBe(200);
    expect(simA.requests.at(-1)?.headers['authorization']).toBe('Bearer sk-sim-e2e');
  });

  it('changes: all 20 follow within 5 s and a request goes to the new endpoint', async () => {
    const since = performance.now();
    await applyResource(kc, namespace, route({ targets: [target('b')] }));
    await waitForFleet(since, (member) => routeEndpointOf(member) === 'sims/b');
    await waitFor(async () => {
      const status = await readStatus(kc, namespace, 'modelroutes', 'chat');
      return status.synced === '20/20' && status.observedGeneration === status.generation;
    }, 5000, 50);
    const before = simB.requests.length;
    expect((await chat(fleet[7]!.running.sidecar.url, 'chat')).status).toBe(200);
    expect(simB.requests.length).toBe(before + 1);
  });
});

describe('an invalid edit', () => {
  it.each([
    ['a route to a missing pool', { targets: [{ name: 'main', pool: 'nope', model: 'gpt-4o-mini' }] }, 'ResolvedRefs', 'PoolNotFound'],
    ['a data policy no endpoint may serve', {
      targets: [target('b')], dataPolicy: { classes: [{ name: 'eu-only', allowedJurisdictions: ['eu'] }], defaultClass: 'eu-only' },
    }, 'Accepted', 'NoEligibleEndpoint'],
  ])('%s: the condition says why within 5 s and the sidecars keep serving the last valid route', async (_name, spec, type, reason) => {
    const versions = fleet.map((member) => member.running.sidecar.holder.current?.version);
    const since = performance.now();
    await applyResource(kc, namespace, route(spec));
    await waitFor(async () => (await routeCondition(type))?.reason === reason, 5000, 50);
    console.log(`${reason} reported after ${(performance.now() - since).toFixed(0)} ms`);
    expect(await routeCondition(type)).toMatchObject({ status: 'False', reason });
    expect(await routeCondition('Ready')).toMatchObject({ status: 'False' });
    await waitFor(async () => (await kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace, fieldSelector: 'involvedObject.name=chat' }))
      .items.some((event) => event.reason === reason && event.type === 'Warning'), 5000, 100);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fleet.map((member) => member.running.sidecar.holder.current?.version)).toEqual(versions);
    const before = simB.requests.length;
    expect((await chat(fleet[3]!.running.sidecar.url, 'chat')).status).toBe(200);
    expect(simB.requests.length).toBe(before + 1);
    await applyResource(kc, namespace, route({ targets: [target('b')] }));
    await waitFor(async () => (await routeCondition('Ready'))?.status === 'True', 5000, 50);
  });
});

describe('a failover cycle', () => {
  it('is refused by the apiserver (CRD validation) and the sidecars keep serving the last valid route', async () => {
    const versions = fleet.map((member) => member.running.sidecar.holder.current?.version);
    const cycle = route({ targets: [target('b'), target('a', 'alt')], failover: { chain: ['alt', 'main', 'alt'] } });
    await expect(applyResource(kc, namespace, cycle)).rejects.toMatchObject({ code: 422 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fleet.map((member) => member.running.sidecar.holder.current?.version)).toEqual(versions);
    expect(await routeCondition('Ready')).toMatchObject({ status: 'True' });
  });
});

describe('strangers', () => {
  it.each([
    ['no token', () => ({ 'x-switchyard-pod': `${namespace}/web-0` }), 401],
    ['a token that is not a token', () => ({ authorization: 'Bearer not-a-token', 'x-switchyard-pod': `${namespace}/web-0` }), 401],
  ])('with %s get no config', async (_name, headers, status) => {
    const result = await probeChannel(operatorUrl(), headers());
    expect(result.status).toBe(status);
    expect(result.gotSnapshot).toBe(false);
  });

  it('a token bound to web-0 claiming web-1 gets no config', async () => {
    const token = await boundToken(kc, pods[0]!, 'web');
    const result = await probeChannel(operatorUrl(), { authorization: `Bearer ${token}`, 'x-switchyard-pod': `${namespace}/web-1` });
    expect(result).toMatchObject({ status: 403, gotSnapshot: false });
  });

  it('a token with another audience gets no config', async () => {
    const token = await boundToken(kc, pods[0]!, 'web', 'https://kubernetes.default.svc');
    const result = await probeChannel(operatorUrl(), { authorization: `Bearer ${token}`, 'x-switchyard-pod': `${namespace}/web-0` });
    expect(result).toMatchObject({ status: 401, gotSnapshot: false });
  });

  it('a token bound to a pod in another namespace gets no config, whatever pod it claims', async () => {
    const other = await createTestNamespace('e2e-stranger');
    await createServiceAccount(kc, other, 'web');
    const pod = await createSidecarPod(kc, other, 'web-0', 'web', { app: 'web' });
    const token = await boundToken(kc, pod, 'web');
    for (const claim of [`${namespace}/web-0`, `${other}/web-0`.replace(other, namespace)]) {
      const result = await probeChannel(operatorUrl(), { authorization: `Bearer ${token}`, 'x-switchyard-pod': claim });
      expect(result).toMatchObject({ status: 403, gotSnapshot: false });
    }
    // Its own pod, in its own namespace, is fine: the namespace just has no resources.
    const own = await probeChannel(operatorUrl(), { authorization: `Bearer ${token}`, 'x-switchyard-pod': `${other}/web-0` });
    expect(own.status).toBe(200);
    expect(own.body).not.toContain('sk-sim-e2e');
  });
});

// The figure: sidecars keep serving through a minute without their operator.
const OUTAGE_MS = 60_000;

describe('an operator outage', () => {
  it('costs no request for a minute, and a restarted operator resyncs with status still correct', async () => {
    let errors = 0;
    let served = 0;
    let stop = false;
    const traffic = (async () => {
      for (let i = 0; !stop; i += 1) {
        const outcome = await chat(fleet[i % SIDECARS]!.running.sidecar.url, 'chat').catch((error: unknown) => ({ status: 0, body: String(error) }));
        if (outcome.status === 200) served += 1;
        else {
          errors += 1;
          console.log(`request through web-${i % SIDECARS} failed during the outage: ${outcome.status} ${outcome.body.slice(0, 300)}`);
        }
      }
    })();
    console.log(await describeHistogram('operator metric, compile → ack, first operator process', operator.metrics.propagation));
    await operator.stop();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    operator = await startOperatorHere(operatorPort);
    await waitFor(() => operator.hub.connectionCount === SIDECARS, 40_000, 50);
    stop = true;
    await traffic;
    console.log(`during the outage: ${served} requests served, ${errors} failed`);
    expect(errors).toBe(0);
    expect(served).toBeGreaterThan(0);
    await waitFor(async () => (await readStatus(kc, namespace, 'modelroutes', 'chat')).synced === '20/20', 5000, 50);
  }, OUTAGE_MS + 90_000);

  it('a sidecar restarted while the operator is down serves from its last good config; one with none is not ready', async () => {
    // The state dir keeps the credentials with the config (memory-backed emptyDir in a pod, ADR
    // 0009), so keyed and keyless routes both serve before the operator is back.
    const since = performance.now();
    await applyResource(kc, namespace, {
      kind: 'ModelRoute', metadata: { name: 'local' }, spec: { match: { models: ['local'] }, targets: [target('local')] },
    });
    await waitForFleet(since, (member) => member.running.sidecar.holder.current?.config.routes.some((r) => r.name === 'local') === true);
    await operator.stop();
    try {
      const member = fleet[5]!;
      await member.running.close(0);
      member.running = await startMember(operatorUrl(), member.pod, member.tokenFile, member.stateDir);
      expect(member.running.sidecar.holder.current?.config.routes.map((r) => r.name)).toEqual(['chat', 'local']);
      expect((await chat(member.running.sidecar.url, 'local')).status).toBe(200);
      expect((await chat(member.running.sidecar.url, 'chat')).status).toBe(200);
      const fresh = await startMember(operatorUrl(), member.pod, await writeToken('unused'), await mkdtemp(join(tmpdir(), 'switchyard-empty-')));
      try {
        expect((await fetch(`${fresh.sidecar.url}/readyz`)).status).toBe(503);
        expect((await chat(fresh.sidecar.url, 'chat')).status).toBe(503);
      } finally {
        await fresh.close(0);
      }
    } finally {
      operator = await startOperatorHere(operatorPort);
    }
    await waitFor(() => operator.hub.connectionCount === SIDECARS, 40_000, 50);
    // Back online, the restored sidecar takes the operator's snapshot of the same content.
    await waitFor(() => fleet[5]!.running.sidecar.holder.current?.restored === false, 5000, 100);
    expect((await chat(fleet[5]!.running.sidecar.url, 'chat')).status).toBe(200);
  });
});

describe('an operator restarted while a route is invalid', () => {
  it('keeps serving the route\'s last valid form: the memory outlives the process', async () => {
    const versions = fleet.map((member) => member.running.sidecar.holder.current?.version);
    const before = fleet[0]!.running.sidecar.holder.current?.config;
    await applyResource(kc, namespace, route({ targets: [{ name: 'main', pool: 'nope', model: 'gpt-4o-mini' }] }));
    await waitFor(async () => (await routeCondition('ResolvedRefs'))?.reason === 'PoolNotFound', 5000, 50);
    await operator.stop();
    operator = await startOperatorHere(operatorPort);
    await waitFor(() => operator.hub.connectionCount === SIDECARS, 40_000, 50);
    await waitFor(() => fleet.every((member) => member.running.sidecar.holder.current?.revision !== undefined), 5000, 50);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = fleet[0]!.running.sidecar.holder.current?.config;
    if (after?.version !== before?.version) console.log(`config changed across the restart:\nBEFORE ${JSON.stringify(before)}\nAFTER ${JSON.stringify(after)}`);
    expect(fleet.map((member) => member.running.sidecar.holder.current?.version)).toEqual(versions);
    expect(fleet.every((member) => routeEndpointOf(member) === 'sims/b')).toBe(true);
    expect((await chat(fleet[9]!.running.sidecar.url, 'chat')).status).toBe(200);
    await applyResource(kc, namespace, route({ targets: [target('b')] }));
    await waitFor(async () => (await routeCondition('Ready'))?.status === 'True', 5000, 50);
  });
});

describe('deleting the route', () => {
  it('removes it from all 20 sidecars within 5 s', async () => {
    const since = performance.now();
    await deleteResource(kc, namespace, 'modelroutes', 'chat');
    await waitForFleet(since, (member) => routeEndpointOf(member) === null);
    expect((await chat(fleet[0]!.running.sidecar.url, 'chat')).status).toBe(404);
  });
});
