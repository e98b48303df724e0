// SSRF: an endpoint not marked inCluster never reaches a loopback, private, link-local or metadata
// address, however it is spelt. Three layers, each tested here: compile refuses such baseURLs; the
// sidecar refuses a config that carries one anyway; and at connect time it refuses a name that
// resolves to one (DNS rebinding). Redirects are never followed. inCluster endpoints may reach
// private addresses, and the sidecar keeps serving others throughout.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type LookupFunction, type Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, withConfigVersion, type SidecarConfig, type SwitchyardResource } from '@switchyard/contract';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { errorOf, postJson } from './http-client.js';
import { keysAndPoolHead } from './pool-yaml.js';

const KEY = 'sk-ssrf-upstream-5d91c3';

function pool(baseURL: string, inCluster: boolean): SwitchyardResource {
  return {
    apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'pool' },
    spec: { endpoints: [{ name: 'e', provider: 'openai', baseURL, inCluster, models: [{ name: 'm', capabilities: { contextWindowTokens: 1000 }, pricing: { inputPerMillion: '1', outputPerMillion: '1' } }] }] },
  };
}

function unsafeURLFindings(baseURL: string, inCluster: boolean): string[] {
  const { findings } = compile({ namespace: 'ns', resources: [pool(baseURL, inCluster)], secrets: [] });
  return findings.filter((finding) => finding.reason === 'UnsafeURL').map((finding) => finding.message);
}

const BLOCKED_URLS: readonly [string, string][] = [
  ['cloud metadata', 'https://169.254.169.254/latest/meta-data'],
  ['GCP metadata by name', 'https://metadata.google.internal/computeMetadata/v1'],
  ['localhost', 'https://localhost/v1'],
  ['loopback', 'https://127.0.0.1/v1'],
  ['short loopback', 'https://127.1/v1'],
  ['hex and short IPv4', 'https://0x7f.1/v1'],
  ['hex IPv4', 'https://0x7f000001/v1'],
  ['decimal IPv4', 'https://2130706433/v1'],
  ['octal IPv4', 'https://017700000001/v1'],
  ['octal dotted IPv4', 'https://0177.0.0.1/v1'],
  ['trailing-dot IPv4', 'https://127.0.0.1./v1'],
  ['IPv6 loopback', 'https://[::1]/v1'],
  ['IPv4-mapped IPv6', 'https://[::ffff:127.0.0.1]/v1'],
  ['IPv4-mapped IPv6 in hex', 'https://[::ffff:a9fe:a9fe]/v1'],
  ['IPv4-compatible IPv6', 'https://[::127.0.0.1]/v1'],
  ['NAT64 of the metadata address', 'https://[64:ff9b::a9fe:a9fe]/v1'],
  ['private 10/8', 'https://10.0.0.5/v1'],
  ['private 172.16/12', 'https://172.31.255.255/v1'],
  ['private 192.168/16', 'https://192.168.1.1/v1'],
  ['carrier-grade NAT', 'https://100.64.0.1/v1'],
  ['benchmarking 198.18/15', 'https://198.18.0.1/v1'],
  ['multicast', 'https://224.0.0.1/v1'],
  ['this host', 'https://0.0.0.0/v1'],
  ['zero', 'https://0/v1'],
  ['IPv6 unspecified', 'https://[::]/v1'],
  ['IPv6 unique local', 'https://[fd12:3456::1]/v1'],
  ['IPv6 link-local', 'https://[fe80::1]/v1'],
  ['IPv6 multicast', 'https://[ff02::1]/v1'],
  ['a single-label (cluster) name', 'https://vllm/v1'],
  ['a cluster service name', 'https://vllm.models.svc.cluster.local/v1'],
];

describe('compile refuses unsafe baseURLs unless the endpoint is inCluster', () => {
  it.each(BLOCKED_URLS)('refuses %s (%s)', (_name, url) => {
    expect(unsafeURLFindings(url, false)).toEqual([expect.stringContaining('local, private or cluster address')]);
    expect(unsafeURLFindings(url.replace('https:', 'http:'), true)).toEqual([]);
  });

  it.each([
    ['plain http outside the cluster', 'http://api.openai.com/v1', 'must use https'],
    ['credentials in the URL', 'https://user:pw@api.openai.com/v1', 'must not carry credentials'],
    ['a query string', 'https://api.openai.com/v1?redirect=http://169.254.169.254', 'must not have a query'],
  ])('refuses %s', (_name, url, problem) => {
    expect(unsafeURLFindings(url, false)).toEqual([expect.stringContaining(problem)]);
  });

  it('refuses a non-http scheme (the resource schema already does)', () => {
    const { findings } = compile({ namespace: 'ns', resources: [pool('file:///etc/passwd', false)], secrets: [] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'ProviderPool', name: 'pool', message: expect.stringContaining('baseURL') })]);
  });

  it.each([['a public name', 'https://api.openai.com/v1'], ['a public IPv4', 'https://8.8.8.8/v1'], ['a public IPv6', 'https://[2606:4700::1111]/v1']])(
    'accepts %s', (_name, url) => expect(unsafeURLFindings(url, false)).toEqual([]));
});

/** A TCP listener that only counts who connects: nothing may. */
async function startTrap(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address !== null ? address.port : 0, connections: () => count };
}

/** Test DNS: names that resolve to private addresses, and one that resolves to the simulator. */
const NAMES: Readonly<Record<string, readonly (readonly [string, 4 | 6])[]>> = {
  'rebind.example.com': [['127.0.0.1', 4]],
  'metadata.example.com': [['169.254.169.254', 4]],
  'mapped.example.com': [['::ffff:127.0.0.1', 6]],
  'private.example.com': [['10.20.30.40', 4]],
  'mixed.example.com': [['198.51.100.7', 4], ['127.0.0.1', 4]],
  'models.example.com': [['127.0.0.1', 4]],
};

const testLookup: LookupFunction = (hostname, options, callback) => {
  const entries = NAMES[hostname];
  if (entries === undefined || entries.length === 0) {
    callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    return;
  }
  if (options.all === true) callback(null, entries.map(([address, family]) => ({ address, family })));
  else callback(null, entries[0]![0], entries[0]![1]);
};

let sim: Simulator;
let trap: Awaited<ReturnType<typeof startTrap>>;
let sidecar: StandaloneSidecar;
let dir: string;

function endpoint(name: string, baseURL: string, inCluster: boolean): string {
  return `    - name: ${name}
      provider: openai
      baseURL: ${baseURL}
      inCluster: ${inCluster}
      credentials: { secretRef: { name: keys, key: openai } }
      timeouts: { connectMilliseconds: 300 }
      models:
        - { name: gpt-4o-mini, capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: "1", outputPerMillion: "2" } }
`;
}

const route = (name: string): string => `---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: ${name} }
spec:
  match: { models: [${name}] }
  targets: [{ name: t, pool: pool, endpoint: ${name}, model: gpt-4o-mini }]
  retry: { maxAttempts: 1 }
`;

const REBOUND = ['rebind', 'metadata', 'mapped', 'private', 'mixed'] as const;

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'openai', apiKey: KEY });
  trap = await startTrap();
  dir = await mkdtemp(join(tmpdir(), 'switchyard-ssrf-'));
  const endpoints = [
    ...REBOUND.map((name) => endpoint(name, `https://${name}.example.com:${trap.port}/v1`, false)),
    endpoint('models', `http://models.example.com:${sim.port}/v1`, true),
    endpoint('direct', `${sim.url}/v1`, true),
  ].join('');
  await writeFile(join(dir, 'config.yaml'), `${keysAndPoolHead(`{ openai: ${KEY} }`)}
${endpoints}${[...REBOUND, 'models', 'direct'].map(route).join('')}`);
  sidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger, upstreamLookup: testLookup });
});

afterAll(async () => {
  await sidecar?.close(0);
  await sim?.close();
  await new Promise((resolve) => trap?.server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => sim.reset());

const chat = (model: string) => postJson(`${sidecar.url}/v1/chat/completions`, { model, messages: [{ role: 'user', content: 'hi' }] });

describe('at connect time, names resolving to private addresses are refused', () => {
  it.each(REBOUND.map((name) => [name]))('%s.example.com: 502 with the reason, and no connection is made', async (name) => {
    const response = await chat(name);
    expect(response.status).toBe(502);
    expect(errorOf(response)).toMatchObject({ code: 'upstream_server_error', message: expect.stringContaining('private or local network address') });
    expect(trap.connections()).toBe(0);
  });

  it('lets an inCluster endpoint reach the same kind of address by name (the control)', async () => {
    const response = await chat('models');
    expect(response.status).toBe(200);
    expect(sim.requests).toHaveLength(1);
  });
});

describe('redirects', () => {
  it.each([[301], [302], [303], [307], [308]])('a %i from the provider is an error, never a request to its Location', async (status) => {
    sim.script({ status, headers: { location: `http://127.0.0.1:${trap.port}/latest/meta-data/` }, body: '' });
    const response = await chat('direct');
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(response.headers['location']).toBeUndefined();
    expect(sim.requests).toHaveLength(1);
    expect(trap.connections()).toBe(0);
  });
});

describe('a config that reaches the sidecar without compile', () => {
  function configWith(baseURL: string): SidecarConfig {
    const resources = [pool('https://api.openai.com/v1', false), {
      apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'r' }, spec: { match: { models: ['direct'] }, targets: [{ name: 't', pool: 'pool', model: 'm' }] },
    }] as SwitchyardResource[];
    const compiled = compile({ namespace: 'ns', resources, secrets: [] }).config;
    if (compiled === null) throw new Error('fixture does not compile');
    const { version: _version, ...content } = compiled;
    return withConfigVersion({ ...content, endpoints: content.endpoints.map((e) => ({ ...e, baseURL })) });
  }

  let revision = 1_000_000;
  it.each(BLOCKED_URLS.filter(([, url]) => !/\/\/(vllm|metadata\.google|localhost)/.test(url)))('is refused when an endpoint outside the cluster points at %s', async (_name, url) => {
    const version = sidecar.holder.current?.version;
    revision += 1;
    const outcome = await sidecar.holder.load(configWith(url), {}, revision);
    expect(outcome).toMatchObject({ ok: false, reason: 'BuildFailed', errors: [expect.stringContaining('private, loopback or link-local')] });
    expect(sidecar.holder.current?.version).toBe(version);
    expect((await chat('direct')).status).toBe(200);
  });
});

describe('the sidecar keeps serving', () => {
  it('answers the healthy route after every refusal above', async () => {
    expect((await chat('direct')).status).toBe(200);
    expect((await chat('models')).status).toBe(200);
  });
});
