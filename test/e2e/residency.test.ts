// Data residency end to end: ProviderPool and ModelRoutes applied to the real apiserver, the
// operator compiling them and pushing the config over its channel to a cluster-mode sidecar
// (bound token, TLS), and provider simulators standing for a US, an EU and a HIPAA-covered US
// endpoint. PHI reaches only the hipaa-baa endpoint and fails closed when it is down; an EU-only
// route never reaches the US endpoint, also while its EU endpoint fails. Then the canary scan:
// no provider key, hash key or token in the operator's or the sidecar's log lines, in resource
// status, in /metrics, or in any answer.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import type { RunningOperator } from '../../operator/src/operator.js';
import { createLogger as createOperatorLogger } from '../../operator/src/log.js';
import { runClusterSidecar, type ClusterSidecar } from '../../sidecar/src/channel/run.js';
import { createLogger } from '../../sidecar/src/metrics/log.js';
import { startSimulator, type Script, type Simulator } from '../simulators/src/index.js';
import { createTestNamespace, loadKubeConfig, waitFor } from '../support/cluster.js';
import {
  applyResource, boundToken, createSecret, createServiceAccount, createSidecarPod, installCrds, readStatus,
} from './support/cluster-objects.js';
import { pkiPath, startTestOperator, writeToken } from './support/fleet.js';
import { operatorIdentity } from './support/operator-identity.js';

jest.setTimeout(120_000);

type Region = 'us' | 'eu' | 'hipaa';
const REGIONS: readonly Region[] = ['us', 'eu', 'hipaa'];
const KEYS: Record<Region | 'pepper', string> = {
  us: 'sk-e2e-residency-us-Qm7vT2xW9pL4',
  eu: 'sk-e2e-residency-eu-Hk3nR8yZ5bJ1',
  hipaa: 'sk-e2e-residency-hipaa-Fw6cX2mV8tN3',
  pepper: 'pepper-e2e-residency-Lp9dS4gK7hY2',
};

const kc = loadKubeConfig();
const sims = new Map<Region, Simulator>();
const sim = (region: Region): Simulator => sims.get(region) as Simulator;
const operatorLines: string[] = [];
const sidecarLines: string[] = [];
const answers: string[] = [];
let namespace = '';
let operator: RunningOperator;
let member: ClusterSidecar;
let tokens: string[] = [];

function endpoint(region: Region, jurisdiction: string, tags: string[]): unknown {
  return {
    name: region, provider: 'openai', baseURL: `${sim(region).url}/v1`, inCluster: true, jurisdiction, complianceTags: tags,
    credentials: { secretRef: { name: 'provider-keys', key: region } },
    timeouts: { firstByteMilliseconds: 400 },
    health: { consecutiveFailures: 2, baseEjectionSeconds: 1, maxEjectionSeconds: 1 },
    models: [{ name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '1', outputPerMillion: '2' } }],
  };
}

const target = (region: Region): unknown => ({ name: region, pool: 'regions', endpoint: region, model: 'gpt-4o-mini' });
const retry = { maxAttempts: 3, baseBackoffMilliseconds: 1, maxBackoffMilliseconds: 5, budgetPercent: 100, minRetriesPerSecond: 100 };
const logging = {
  hashKeySecretRef: { name: 'provider-keys', key: 'pepper' },
  fields: [{ field: 'user', action: 'hash' }, { field: 'header:authorization', action: 'keep' }],
};

function route(name: string, spec: Record<string, unknown>): { kind: string; metadata: { name: string }; spec: unknown } {
  return { kind: 'ModelRoute', metadata: { name }, spec: { match: { models: [name] }, retry, logging, ...spec } };
}

async function chat(model: string, headers: Record<string, string> = {}): Promise<{ status: number; code: string | undefined }> {
  const response = await fetch(`${member.sidecar.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, user: 'patient-7781', messages: [{ role: 'user', content: 'Summarise the visit notes.' }] }),
  });
  const text = await response.text();
  answers.push(`${JSON.stringify(Object.fromEntries(response.headers))}\n${text}`);
  const code = response.status === 200 ? undefined : (JSON.parse(text) as { error: { code: string } }).error.code;
  return { status: response.status, code };
}

function counts(): Record<Region, number> {
  return { us: sim('us').requests.length, eu: sim('eu').requests.length, hipaa: sim('hipaa').requests.length };
}

beforeAll(async () => {
  await installCrds();
  namespace = await createTestNamespace('e2e-residency');
  for (const region of REGIONS) sims.set(region, await startSimulator({ dialect: 'openai', apiKey: KEYS[region] }));
  await createServiceAccount(kc, namespace, 'web');
  await createSecret(kc, namespace, 'provider-keys', { us: KEYS.us, eu: KEYS.eu, hipaa: KEYS.hipaa, pepper: KEYS.pepper });
  await applyResource(kc, namespace, {
    kind: 'ProviderPool', metadata: { name: 'regions' },
    spec: { endpoints: [endpoint('us', 'us', []), endpoint('eu', 'eu', ['gdpr']), endpoint('hipaa', 'us', ['hipaa-baa'])] },
  });
  await applyResource(kc, namespace, route('clinic', {
    targets: [target('us'), target('eu'), target('hipaa')], semantic: { defaultTarget: 'us' }, failover: { chain: ['eu', 'hipaa'] },
    dataPolicy: { classHeader: 'x-data-class', classes: [{ name: 'phi', requiredComplianceTags: ['hipaa-baa'] }, { name: 'public' }] },
  }));
  await applyResource(kc, namespace, route('eu-only', {
    targets: [target('eu'), target('us')], semantic: { defaultTarget: 'eu' }, failover: { chain: ['us'] },
    dataPolicy: { defaultClass: 'eu-personal', classHeader: 'x-data-class', classes: [{ name: 'eu-personal', allowedJurisdictions: ['eu'] }, { name: 'public' }] },
  }));
  const pod = await createSidecarPod(kc, namespace, 'web-0', 'web', { app: 'web' });
  const token = await boundToken(kc, pod, 'web');
  const identity = await operatorIdentity(kc);
  const operatorToken = identity.kubeConfig.getCurrentUser()?.token ?? '';
  tokens = [token, operatorToken];
  operator = await startTestOperator({
    kc: identity.kubeConfig, stateNamespace: identity.namespace, namespaces: [namespace],
    log: createOperatorLogger('operator', (line) => operatorLines.push(line)),
  });
  member = await runClusterSidecar({
    operatorUrl: `https://127.0.0.1:${operator.channelPort}`, caFile: pkiPath('ca.crt'), tokenFile: await writeToken(token),
    pod: `${namespace}/web-0`, stateDir: await mkdtemp(join(tmpdir(), 'switchyard-residency-')), port: 0,
    log: createLogger((line) => sidecarLines.push(line)),
  });
  await waitFor(() => (member.sidecar.holder.current?.config.routes.length ?? 0) === 2, 15_000, 20);
}, 120_000);

afterAll(async () => {
  await member?.close(0);
  await operator?.stop();
  await Promise.all([...sims.values()].map((s) => s.close()));
});

const FAILURES: readonly [string, Script][] = [
  ['500s', { always: true, status: 500 }],
  ['429s', { always: true, status: 429, headers: { 'retry-after': '0' } }],
  ['first-byte timeouts', { always: true, stall: true }],
];

function resetSims(): void {
  for (const s of sims.values()) s.reset();
}

describe('PHI through the operator-configured sidecar', () => {
  it('is served only by the hipaa-baa endpoint', async () => {
    resetSims();
    expect(await chat('clinic', { 'x-data-class': 'phi' })).toEqual({ status: 200, code: undefined });
    expect(await chat('clinic')).toEqual({ status: 200, code: undefined });
    expect(counts()).toEqual({ us: 1, eu: 0, hipaa: 1 });
  });

  it.each(FAILURES)('fails closed with an OpenAI error when the hipaa-baa endpoint answers with %s', async (_name, script) => {
    resetSims();
    sim('hipaa').script(script);
    for (let i = 0; i < 3; i += 1) {
      const outcome = await chat('clinic', { 'x-data-class': 'phi' });
      expect(outcome.status).toBeGreaterThanOrEqual(429);
      expect(outcome.code).toMatch(/^(upstream_|no_route)/);
    }
    expect(counts()).toMatchObject({ us: 0, eu: 0 });
    expect(counts().hipaa).toBeGreaterThan(0);
  });
});

describe('an EU-only route through the operator-configured sidecar', () => {
  it('fails over to the US for public data (the control)', async () => {
    resetSims();
    sim('eu').script({ always: true, status: 500 });
    expect(await chat('eu-only', { 'x-data-class': 'public' })).toEqual({ status: 200, code: undefined });
    expect(counts().us).toBe(1);
  });

  it.each(FAILURES)('never reaches the US endpoint while the EU endpoint answers with %s', async (_name, script) => {
    resetSims();
    sim('eu').script(script);
    for (let i = 0; i < 4; i += 1) expect((await chat('eu-only')).status).toBeGreaterThanOrEqual(429);
    expect(counts().us).toBe(0);
    expect(counts().eu).toBeGreaterThan(0);
  });

  it('serves in the EU again once it recovers', async () => {
    resetSims();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await chat('eu-only')).toEqual({ status: 200, code: undefined });
    expect(counts()).toEqual({ us: 0, eu: 1, hipaa: 0 });
  });
});

describe('the canary scan', () => {
  it('finds no key, hash key or token in logs, status, metrics or answers', async () => {
    // A route naming a Secret key that does not exist: its status must explain without values.
    await applyResource(kc, namespace, route('broken', { targets: [target('us')], logging: { ...logging, hashKeySecretRef: { name: 'provider-keys', key: 'nope' } } }));
    await waitFor(async () => (await readStatus(kc, namespace, 'modelroutes', 'broken')).conditions.some((c) => c.status === 'False'), 10_000, 50);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const objects = await Promise.all(['providerpools', 'modelroutes'].map((plural) => custom.listNamespacedCustomObject({ group: 'switchyard.dev', version: 'v1alpha1', namespace, plural })));
    const metrics = await (await fetch(`${member.sidecar.url}/metrics`)).text();
    const places: Record<string, string> = {
      'operator log': operatorLines.join(''),
      'sidecar log': sidecarLines.join(''),
      'resource status': JSON.stringify(objects),
      metrics,
      answers: answers.join('\n'),
    };
    expect(sidecarLines.filter((line) => line.includes('"msg":"request"')).length).toBeGreaterThan(10);
    expect(operatorLines.length).toBeGreaterThan(0);
    expect(places['sidecar log']).toContain('"user":"hmac:');
    const secrets = [...Object.values(KEYS), ...tokens].filter((secret) => secret !== '');
    const found = secrets.flatMap((secret) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64').replace(/=+$/, ''), secret.slice(-12)]
      .flatMap((form) => Object.entries(places).filter(([, text]) => text.includes(form)).map(([where]) => `${secret.slice(0, 10)}… in ${where}`)));
    expect(found).toEqual([]);
    expect(places['sidecar log']).not.toContain('patient-7781');
  });
});
