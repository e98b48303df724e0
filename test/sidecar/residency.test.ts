// Data residency on the real request path: a running sidecar in front of three provider
// simulators standing for a US endpoint, an EU endpoint and a US endpoint under a HIPAA BAA.
// A request's data class (header, the route's default, or PII detection) decides which of them
// may see it, and no failure, retry or failover ever widens that set: when every allowed
// endpoint fails, the client gets an OpenAI error and the other simulators see nothing.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { startSimulator, type Script, type Simulator } from '../simulators/src/index.js';
import { errorOf, postJson, type RawResponse } from './http-client.js';

const EMAIL = 'maria.rossi@example.eu';
type Region = 'us' | 'eu' | 'hipaa';
const REGIONS: readonly Region[] = ['us', 'eu', 'hipaa'];
const sims = new Map<Region, Simulator>();
let sidecar: StandaloneSidecar;
let dir: string;

const sim = (region: Region): Simulator => sims.get(region) as Simulator;
const key = (region: Region): string => `sk-residency-${region}-3f9a1c`;

function endpointYaml(region: Region, jurisdiction: string, tags: string[]): string {
  return `    - name: ${region}
      provider: openai
      baseURL: ${sim(region).url}/v1
      inCluster: true
      jurisdiction: ${jurisdiction}
      complianceTags: [${tags.join(', ')}]
      credentials: { secretRef: { name: keys, key: ${region} } }
      timeouts: { firstByteMilliseconds: 400 }
      health: { consecutiveFailures: 2, baseEjectionSeconds: 1, maxEjectionSeconds: 1 }
      models:
        - { name: gpt-4o-mini, capabilities: { contextWindowTokens: 128000, embeddings: true }, pricing: { inputPerMillion: "1", outputPerMillion: "2" } }
`;
}

const RETRY = 'retry: { maxAttempts: 3, baseBackoffMilliseconds: 1, maxBackoffMilliseconds: 5, budgetPercent: 100, minRetriesPerSecond: 100 }';
const target = (region: Region): string => `{ name: ${region}, pool: regions, endpoint: ${region}, model: gpt-4o-mini }`;

function configYaml(): string {
  return `apiVersion: v1
kind: Secret
metadata: { name: keys }
stringData: { ${REGIONS.map((region) => `${region}: ${key(region)}`).join(', ')} }
---
apiVersion: switchyard.dev/v1alpha1
kind: ProviderPool
metadata: { name: regions }
spec:
  endpoints:
${endpointYaml('us', 'us', [])}${endpointYaml('eu', 'eu', ['gdpr'])}${endpointYaml('hipaa', 'us', ['hipaa-baa'])}---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: clinic }
spec:
  match: { models: [clinic] }
  targets: [${target('us')}, ${target('eu')}, ${target('hipaa')}]
  semantic: { defaultTarget: us }
  failover: { chain: [eu, hipaa] }
  ${RETRY}
  dataPolicy:
    classHeader: x-data-class
    classes:
      - { name: phi, requiredComplianceTags: [hipaa-baa] }
      - { name: public }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: eu-only }
spec:
  match: { models: [eu-only] }
  targets: [${target('eu')}, ${target('us')}]
  semantic: { defaultTarget: eu }
  failover: { chain: [us] }
  ${RETRY}
  dataPolicy:
    # The default class stands for the namespace's default (docs/security.md).
    defaultClass: eu-personal
    classHeader: x-data-class
    classes:
      - { name: eu-personal, allowedJurisdictions: [eu] }
      - { name: public }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: detect }
spec:
  match: { models: [detect] }
  targets: [${target('us')}, ${target('eu')}]
  semantic: { defaultTarget: us }
  failover: { chain: [eu] }
  ${RETRY}
  pii:
    entities: [{ type: email, action: allow }]
  dataPolicy:
    classHeader: x-data-class
    piiDetectedClass: eu-personal
    classes:
      - { name: eu-personal, allowedJurisdictions: [eu] }
      - { name: public }
`;
}

beforeAll(async () => {
  for (const region of REGIONS) sims.set(region, await startSimulator({ dialect: 'openai', apiKey: key(region) }));
  dir = await mkdtemp(join(tmpdir(), 'switchyard-residency-'));
  await writeFile(join(dir, 'residency.yaml'), configYaml());
  sidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger });
});

afterAll(async () => {
  await sidecar?.close(0);
  await Promise.all([...sims.values()].map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const s of sims.values()) s.reset();
});

function chat(model: string, headers: Record<string, string> = {}, content = 'Summarise the visit notes.'): Promise<RawResponse> {
  return postJson(`${sidecar.url}/v1/chat/completions`, { model, messages: [{ role: 'user', content }] }, headers);
}

function counts(): Record<Region, number> {
  return { us: sim('us').requests.length, eu: sim('eu').requests.length, hipaa: sim('hipaa').requests.length };
}

/** Every simulator's request log holds only bodies the region may see. */
function assertOnly(allowed: readonly Region[]): void {
  for (const region of REGIONS) if (!allowed.includes(region)) expect({ region, requests: sim(region).requests.length }).toEqual({ region, requests: 0 });
}

const FAILURES: readonly [string, Script][] = [
  ['500s', { always: true, status: 500 }],
  ['429s', { always: true, status: 429, headers: { 'retry-after': '0' } }],
  ['first-byte timeouts', { always: true, stall: true }],
  ['resets before any answer', { always: true, resetAfterChunks: 0 }],
];

describe('PHI goes only to the hipaa-baa endpoint', () => {
  it('is served by the hipaa-baa endpoint although the route would pick the US one', async () => {
    const response = await chat('clinic', { 'x-data-class': 'phi' });
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-target']).toBe('hipaa');
    expect(counts()).toEqual({ us: 0, eu: 0, hipaa: 1 });
    expect(sim('hipaa').requests[0]?.headers['authorization']).toBe(`Bearer ${key('hipaa')}`);
  });

  it('is served by the US endpoint when it is not PHI (the control)', async () => {
    const response = await chat('clinic');
    expect(response.status).toBe(200);
    expect(counts()).toEqual({ us: 1, eu: 0, hipaa: 0 });
  });

  it.each(FAILURES)('fails closed with an OpenAI error when the hipaa-baa endpoint answers with %s', async (_name, script) => {
    sim('hipaa').script(script);
    for (let i = 0; i < 3; i += 1) {
      const response = await chat('clinic', { 'x-data-class': 'phi' });
      expect(response.status).toBeGreaterThanOrEqual(429);
      expect(errorOf(response)).toMatchObject({ type: expect.stringMatching(/^(server_error|rate_limit_error)$/), code: expect.stringMatching(/^(upstream_|no_route)/) });
    }
    expect(counts().hipaa).toBeGreaterThan(0);
    assertOnly(['hipaa']);
  });
});

describe('an EU-only route never reaches the US endpoint', () => {
  it('is served in the EU by default (the route default class)', async () => {
    const response = await chat('eu-only');
    expect(response.status).toBe(200);
    expect(counts()).toEqual({ us: 0, eu: 1, hipaa: 0 });
  });

  it('fails over to the US endpoint for public data (the control: the chain really leads there)', async () => {
    sim('eu').script({ always: true, status: 500 });
    const response = await chat('eu-only', { 'x-data-class': 'public' });
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-target']).toBe('us');
    expect(counts().us).toBe(1);
  });

  it.each(FAILURES)('fails closed, never over to the US, when the EU endpoint answers with %s', async (_name, script) => {
    sim('eu').script(script);
    for (let i = 0; i < 4; i += 1) {
      const response = await chat('eu-only');
      expect(response.status).toBeGreaterThanOrEqual(429);
      expect(errorOf(response).code).toMatch(/^(upstream_|no_route)/);
    }
    expect(counts().eu).toBeGreaterThan(0);
    assertOnly(['eu']);
  });

  it('keeps streams in the EU while the EU endpoint fails', async () => {
    sim('eu').script({ always: true, status: 503 });
    const response = await postJson(`${sidecar.url}/v1/chat/completions`, { model: 'eu-only', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(503);
    assertOnly(['eu']);
  });

  it('keeps embeddings in the EU while the EU endpoint fails', async () => {
    sim('eu').script({ always: true, status: 500 });
    const response = await postJson(`${sidecar.url}/v1/embeddings`, { model: 'eu-only', input: 'patient notes' });
    expect(response.status).toBe(502);
    assertOnly(['eu']);
  });

  it('refuses an unknown data class rather than guessing one', async () => {
    const response = await chat('eu-only', { 'x-data-class': 'whatever' });
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toContain('eu-personal, public');
    expect(counts()).toEqual({ us: 0, eu: 0, hipaa: 0 });
  });
});

describe('a class from PII detection', () => {
  it('sends a prompt without PII to the route default (US)', async () => {
    expect((await chat('detect')).status).toBe(200);
    expect(counts()).toEqual({ us: 1, eu: 0, hipaa: 0 });
  });

  it('sends a prompt carrying an email to the EU, whatever class the client declares', async () => {
    const declared: Record<string, string>[] = [{}, { 'x-data-class': 'public' }];
    for (const headers of declared) {
      const response = await chat('detect', headers, `Please write to ${EMAIL} about the invoice.`);
      expect(response.status).toBe(200);
      expect(response.headers['x-switchyard-target']).toBe('eu');
    }
    assertOnly(['eu']);
  });

  it('sends embedding input carrying an email to the EU, and input without one to the US', async () => {
    const embed = (input: string) => postJson(`${sidecar.url}/v1/embeddings`, { model: 'detect', input });
    expect((await embed(`Contact ${EMAIL}`)).status).toBe(200);
    expect(counts()).toEqual({ us: 0, eu: 1, hipaa: 0 });
    expect((await embed('no personal data here')).status).toBe(200);
    expect(counts()).toEqual({ us: 1, eu: 1, hipaa: 0 });
  });

  it('fails closed for a prompt carrying an email when the EU endpoint is down', async () => {
    sim('eu').script({ always: true, status: 503 });
    const response = await chat('detect', {}, `Please write to ${EMAIL} about the invoice.`);
    expect(response.status).toBe(503);
    assertOnly(['eu']);
  });
});

describe('the sidecar keeps serving', () => {
  it('answers a plain request on every route after the failures above', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the 1 s ejections end
    for (const model of ['clinic', 'eu-only', 'detect']) expect((await chat(model)).status).toBe(200);
  });
});
