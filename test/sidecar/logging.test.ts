// The request log through a running sidecar: one structured line per request with what happened
// (never what was said), the route's field policy (keep, strip, HMAC) on every line, and sampled
// full records on stdout or in a file at the route's rate, decided by request id alone.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, type ModelRoute, type SwitchyardResource } from '@switchyard/contract';
import { createLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { samplePoint } from '../../sidecar/src/logging/index.js';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { postJson, type RawResponse } from './http-client.js';
import { keysAndPoolHead } from './pool-yaml.js';

const PROVIDER_KEY = 'sk-logging-provider-71c2e0d9';
const HASH_KEY = 'hmac-pepper-logging-5b0e93aa';
const USER = 'customer-4471@example.com';
const EMAIL = 'jane.roe@example.org';
const HALF_REQUESTS = 200;

let sim: Simulator;
let sidecar: StandaloneSidecar;
let dir: string;
const logLines: string[] = [];
const stdoutLines: string[] = [];

function routeYaml(name: string, logging = ''): string {
  return `---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: ${name} }
spec:
  match: { models: [${name}] }
  targets: [{ name: mini, pool: pool, model: gpt-4o-mini }]
  failover: { chain: [] }
  retry: { maxAttempts: 2, baseBackoffMilliseconds: 1, maxBackoffMilliseconds: 2 }
${logging}`;
}

function configYaml(): string {
  return `${keysAndPoolHead(`{ openai: ${PROVIDER_KEY}, pepper: ${HASH_KEY} }`)}
    - name: oai
      provider: openai
      baseURL: ${sim.url}/v1
      inCluster: true
      credentials: { secretRef: { name: keys, key: openai } }
      models:
        - { name: gpt-4o-mini, capabilities: { contextWindowTokens: 128000, embeddings: true }, pricing: { inputPerMillion: "1", outputPerMillion: "2" } }
${routeYaml('plain')}${routeYaml('audited', `  logging:
    sampleRate: "1"
    sink: stdout
    hashKeySecretRef: { name: keys, key: pepper }
    fields:
      - { field: user, action: hash }
      - { field: header:x-user-id, action: hash }
      - { field: header:x-tenant, action: keep }
      - { field: header:authorization, action: keep }
      - { field: prompt, action: keep }
      - { field: response, action: keep }
      - { field: useCase, action: strip }
      - { field: decidedBy, action: hash }
`)}${routeYaml('half', `  logging:
    sampleRate: "0.5"
    sink: file
    fields:
      - { field: prompt, action: keep }
      - { field: user, action: keep }
`)}${routeYaml('hashed-prompts', `  logging:
    sampleRate: "1"
    sink: stdout
    hashKeySecretRef: { name: keys, key: pepper }
    fields:
      - { field: prompt, action: hash }
`)}`;
}

let sampleFile: string;

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'openai', apiKey: PROVIDER_KEY });
  dir = await mkdtemp(join(tmpdir(), 'switchyard-logging-'));
  sampleFile = join(dir, 'samples.jsonl');
  await writeFile(join(dir, 'config.yaml'), configYaml());
  sidecar = await startSidecar({
    files: [join(dir, 'config.yaml')], port: 0,
    log: createLogger((line) => logLines.push(line)),
    requestLog: { writeStdout: (line) => stdoutLines.push(line), sampleFile },
  });
});

afterAll(async () => {
  await sidecar?.close(0);
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  logLines.length = 0;
  stdoutLines.length = 0;
  sim.reset();
});

type Json = Record<string, unknown>;

function chat(model: string, content: string, extra: Json = {}, headers: Record<string, string> = {}): Promise<RawResponse> {
  return postJson(`${sidecar.url}/v1/chat/completions`, { model, messages: [{ role: 'user', content }], ...extra }, headers);
}

function requestLines(): Json[] {
  return logLines.map((line) => JSON.parse(line) as Json).filter((line) => line['msg'] === 'request');
}

function lineFor(requestId: string): Json {
  const line = requestLines().find((candidate) => candidate['requestId'] === requestId);
  if (line === undefined) throw new Error(`no request line for ${requestId}:\n${logLines.join('')}`);
  return line;
}

function samples(): Json[] {
  return stdoutLines.map((line) => JSON.parse(line) as Json);
}

const hmac = (value: string): string => `hmac:${createHmac('sha256', HASH_KEY).update(value).digest('hex').slice(0, 32)}`;

describe('one line per request', () => {
  it('says what happened to a served chat: ids, route, target, provider, model, endpoint, status, attempts, latency, usage', async () => {
    const response = await chat('plain', `Please email ${EMAIL} the report`, { user: USER }, { 'x-request-id': 'log-plain-1', 'x-user-id': 'u-9' });
    expect(response.status).toBe(200);
    const line = lineFor('log-plain-1');
    expect(line).toMatchObject({
      level: 'info', msg: 'request', requestId: 'log-plain-1', traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      method: 'POST', path: '/v1/chat/completions', route: 'plain', operation: 'chat', target: 'mini', provider: 'openai',
      model: 'gpt-4o-mini', endpoint: 'pool/oai', status: 200, errorCode: null, attempts: 1, streaming: false,
      latencyMs: expect.any(Number), promptTokens: expect.any(Number), completionTokens: expect.any(Number), totalTokens: expect.any(Number),
    });
    expect(line['traceId']).toBe(response.headers['traceparent']?.split('-')[1]);
    const text = JSON.stringify(line);
    for (const secret of [EMAIL, USER, 'u-9', 'Please', PROVIDER_KEY]) expect(text).not.toContain(secret);
    expect(samples()).toEqual([]);
  });

  it('says why a request failed: the error code, the attempts, a warn level for 5xx', async () => {
    sim.script({ always: true, status: 500 });
    const response = await chat('plain', 'hi', {}, { 'x-request-id': 'log-fail-1' });
    expect(response.status).toBe(502);
    expect(lineFor('log-fail-1')).toMatchObject({ level: 'warn', status: 502, errorCode: 'upstream_server_error', attempts: 2, target: null });
  });

  it('logs requests no route claimed, with nothing but the facts', async () => {
    const response = await chat('no-such-model', 'hi', { user: USER }, { 'x-request-id': 'log-404' });
    expect(response.status).toBe(404);
    expect(lineFor('log-404')).toMatchObject({ route: '', status: 404, errorCode: 'model_not_found', attempts: 0 });
    expect(JSON.stringify(lineFor('log-404'))).not.toContain(USER);
  });

  it('counts embedding tokens', async () => {
    const response = await postJson(`${sidecar.url}/v1/embeddings`, { model: 'plain', input: 'vectors please' }, { 'x-request-id': 'log-embed' });
    expect(response.status).toBe(200);
    expect(lineFor('log-embed')).toMatchObject({ operation: 'embeddings', promptTokens: expect.any(Number), completionTokens: 0 });
  });
});

describe("the route's field policy", () => {
  it('hashes the user and a header with HMAC-SHA-256 under the route key, keeps what it keeps, strips what it strips', async () => {
    await chat('audited', 'hello', { user: USER }, { 'x-request-id': 'log-audit-1', 'x-user-id': 'u-42', 'x-tenant': 'acme', authorization: 'Bearer client-secret-aa11' });
    const line = lineFor('log-audit-1');
    expect(line).toMatchObject({ user: hmac(USER), 'header:x-user-id': hmac('u-42'), 'header:x-tenant': 'acme', decidedBy: expect.stringMatching(/^hmac:/) });
    expect(line).not.toHaveProperty('useCase');
    expect(line).not.toHaveProperty('header:authorization');
    const everything = [...logLines, ...stdoutLines].join('\n');
    for (const raw of [USER, 'u-42', 'client-secret-aa11', HASH_KEY]) expect(everything).not.toContain(raw);
  });

  it('gives the same value the same token on every request, and different values different tokens', async () => {
    await chat('audited', 'one', { user: USER }, { 'x-request-id': 'log-audit-2' });
    await chat('audited', 'two', { user: USER }, { 'x-request-id': 'log-audit-3' });
    await chat('audited', 'three', { user: 'someone-else' }, { 'x-request-id': 'log-audit-4' });
    expect(lineFor('log-audit-2')['user']).toBe(lineFor('log-audit-3')['user']);
    expect(lineFor('log-audit-4')['user']).not.toBe(lineFor('log-audit-2')['user']);
  });
});

describe('sampled full records', () => {
  it('keep the prompt and response on stdout, with detected PII values replaced by their type', async () => {
    await chat('audited', `Card 4111 1111 1111 1111, mail ${EMAIL}`, { user: 'u-77' }, { 'x-request-id': 'log-sample-1' });
    const [record] = samples();
    expect(record).toMatchObject({ kind: 'request-sample', requestId: 'log-sample-1', route: 'audited', status: 200, user: hmac('u-77'), promptTruncated: false });
    const prompt = record?.['prompt'] as { messages: { content: string }[]; user: string };
    expect(prompt.messages[0]?.content).toBe('Card [CREDIT_CARD], mail [EMAIL]');
    // The body's own user field follows the user rule too.
    expect(prompt.user).toBe(hmac('u-77'));
    const response = record?.['response'] as { object: string; choices: { message: { content: string } }[] };
    expect(response.object).toBe('chat.completion');
    expect(response.choices[0]?.message.content).toContain('Card [CREDIT_CARD], mail [EMAIL]');
    expect(JSON.stringify(record)).not.toContain('u-77');
    expect(JSON.stringify(record)).not.toContain(EMAIL);
    expect(JSON.stringify(record)).not.toContain('4111');
  });

  it('keep a streamed response as the SSE the client got', async () => {
    await chat('audited', 'stream it', { stream: true }, { 'x-request-id': 'log-sample-stream' });
    const [record] = samples();
    expect(record?.['response']).toEqual(expect.stringContaining('data: [DONE]'));
    expect(lineFor('log-sample-stream')).toMatchObject({ streaming: true, status: 200 });
  });

  it('hold only a keyed hash of the prompt when the policy hashes it', async () => {
    const body = { model: 'hashed-prompts', messages: [{ role: 'user', content: 'secret plans' }] };
    await postJson(`${sidecar.url}/v1/chat/completions`, body, { 'x-request-id': 'log-hashed' });
    const [record] = samples();
    expect(record?.['prompt']).toBe(hmac(JSON.stringify(body)));
    expect(record).not.toHaveProperty('response');
  });

  it('go to the file at the route rate, chosen by request id alone (the same ids give the same choice)', async () => {
    const ids = Array.from({ length: HALF_REQUESTS }, (_, i) => `half-${i}`);
    for (const id of ids) expect((await chat('half', 'sample me', { user: 'reviewer' }, { 'x-request-id': id })).status).toBe(200);
    for (const id of ids.slice(0, 20)) await chat('half', 'again', {}, { 'x-request-id': id });
    await sidecar.close(0).then(async () => {
      sidecar = await startSidecar({
        files: [join(dir, 'config.yaml')], port: 0,
        log: createLogger((line) => logLines.push(line)),
        requestLog: { writeStdout: (line) => stdoutLines.push(line), sampleFile },
      });
    });
    const records = (await readFile(sampleFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Json);
    const firstRound = records.filter((record) => (record['prompt'] as { messages: { content: string }[] }).messages[0]?.content === 'sample me');
    const sampledIds = firstRound.map((record) => record['requestId'] as string);
    expect(sampledIds).toEqual(ids.filter((id) => samplePoint(id) < 0.5));
    expect(sampledIds.length / HALF_REQUESTS).toBeGreaterThan(0.4);
    expect(sampledIds.length / HALF_REQUESTS).toBeLessThan(0.6);
    const replayed = records.filter((record) => (record['prompt'] as { messages: { content: string }[] }).messages[0]?.content === 'again');
    expect(replayed.map((record) => record['requestId'])).toEqual(sampledIds.filter((id) => ids.slice(0, 20).includes(id)));
    expect(firstRound[0]).toMatchObject({ user: 'reviewer' });
    expect(samples()).toEqual([]);
  });
});

describe('compile fills the logging policy', () => {
  const pool: SwitchyardResource = {
    apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'pool' },
    spec: { endpoints: [{ name: 'oai', provider: 'openai', baseURL: 'https://api.openai.com/v1', models: [{ name: 'm', capabilities: { contextWindowTokens: 1000 }, pricing: { inputPerMillion: '1', outputPerMillion: '1' } }] }] },
  };
  const route = (logging?: ModelRoute['spec']['logging']): SwitchyardResource => ({
    apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'r' },
    spec: { match: { models: ['r'] }, targets: [{ name: 't', pool: 'pool', model: 'm' }], ...(logging === undefined ? {} : { logging }) },
  });
  const compiled = (logging?: ModelRoute['spec']['logging'], secrets: { name: string; keys: string[] }[] = []) =>
    compile({ namespace: 'ns', resources: [pool, route(logging)], secrets }).config?.routes[0]?.logging;

  it.each([
    ['strips prompt and response and samples nothing by default', undefined, { fields: [{ field: 'prompt', action: 'strip' }, { field: 'response', action: 'strip' }], sampleRate: 0, sink: 'stdout', hashKey: null }],
    ['sorts declared fields, keeps the default strip for what they leave out, and defaults the key name', {
      sampleRate: '0.25', sink: 'file' as const, hashKeySecretRef: { name: 'pepper' },
      fields: [{ field: 'user', action: 'hash' as const }, { field: 'prompt', action: 'keep' as const }],
    }, {
      fields: [{ field: 'prompt', action: 'keep' }, { field: 'response', action: 'strip' }, { field: 'user', action: 'hash' }],
      sampleRate: 0.25, sink: 'file', hashKey: { secret: 'pepper', key: 'apiKey' },
    }],
  ])('%s', (_name, logging, expected) => {
    expect(compiled(logging, [{ name: 'pepper', keys: ['apiKey'] }])).toEqual(expected);
  });
});
