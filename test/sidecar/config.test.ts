// Config life cycle: not ready without one; loaded configs are validated, swapped whole, and
// persisted (without credentials); a bad or stale one leaves the running config in place.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFiles, silentLogger, startServer, startSidecar, type Sidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { plantedKey, startFleet, type Fleet } from './fleet.js';
import { errorOf, postJson, send } from './http-client.js';

let fleet: Fleet;
let compiled: Awaited<ReturnType<typeof compileFiles>>;
const running: Sidecar[] = [];
const messages = [{ role: 'user', content: 'hello' }];

beforeAll(async () => {
  fleet = await startFleet();
  compiled = await compileFiles([fleet.dir], { namespace: 'default', env: {} });
});
afterAll(() => fleet.close());
afterEach(async () => {
  await Promise.all(running.splice(0).map((sidecar) => sidecar.close(0)));
});

async function started<T extends Sidecar>(sidecar: Promise<T>): Promise<T> {
  const value = await sidecar;
  running.push(value);
  return value;
}

describe('without a config', () => {
  it('is alive but not ready, and answers data-plane requests with no_config', async () => {
    const sidecar = await started(startServer({ port: 0, log: silentLogger }));
    expect((await send(`${sidecar.url}/healthz`)).status).toBe(200);
    expect((await send(`${sidecar.url}/readyz`)).status).toBe(503);
    for (const response of [
      await postJson(`${sidecar.url}/v1/chat/completions`, { model: 'chat-openai', messages }),
      await send(`${sidecar.url}/v1/models`),
    ]) {
      expect(response.status).toBe(503);
      expect(errorOf(response)).toMatchObject({ code: 'no_config', type: 'server_error' });
      expect(response.headers['x-should-retry']).toBe('true');
    }
  });
});

describe('loading configs', () => {
  it('becomes ready with the loaded version and revision', async () => {
    const sidecar = await started(startServer({ port: 0, log: silentLogger }));
    const outcome = await sidecar.holder.load(compiled.result.config, compiled.credentials, 7);
    expect(outcome).toEqual({ ok: true, version: compiled.result.config?.version, revision: 7 });
    expect(JSON.parse((await send(`${sidecar.url}/readyz`)).text)).toEqual({ status: 'ready', version: compiled.result.config?.version, revision: 7 });
    expect((await postJson(`${sidecar.url}/v1/chat/completions`, { model: 'chat-openai', messages })).status).toBe(200);
  });

  it.each([
    { name: 'refuses a config that fails the schema', document: { schemaVersion: 99 }, revision: 8, reason: 'SchemaInvalid' },
    { name: 'refuses a config edited after compile', document: 'edited', revision: 8, reason: 'SchemaInvalid' },
    { name: 'refuses a revision that is not newer', document: 'same', revision: 7, reason: 'Stale' },
  ])('$name and keeps serving the previous one', async ({ document, revision, reason }) => {
    const sidecar = await started(startServer({ port: 0, log: silentLogger }));
    await sidecar.holder.load(compiled.result.config, compiled.credentials, 7);
    const config = compiled.result.config;
    const candidate = document === 'same' ? config : document === 'edited' ? { ...config, routes: [] } : document;
    const outcome = await sidecar.holder.load(candidate, compiled.credentials, revision);
    expect(outcome).toMatchObject({ ok: false, reason });
    expect(JSON.parse((await send(`${sidecar.url}/readyz`)).text)).toMatchObject({ version: config?.version, revision: 7 });
    expect((await postJson(`${sidecar.url}/v1/chat/completions`, { model: 'chat-openai', messages })).status).toBe(200);
  });

  it('reports the loaded config and request counts on /metrics', async () => {
    const sidecar = await started(startServer({ port: 0, log: silentLogger }));
    await sidecar.holder.load(compiled.result.config, compiled.credentials, 3);
    await postJson(`${sidecar.url}/v1/chat/completions`, { model: 'chat-gemini', messages });
    const metrics = (await send(`${sidecar.url}/metrics`)).text;
    expect(metrics).toContain(`switchyard_config_info{version="${compiled.result.config?.version}",revision="3"} 1`);
    expect(metrics).toMatch(/switchyard_requests_total\{route="chat-gemini",provider="gemini",model="[^"]+",use_case="",code="200"\} \d+/);
    expect(metrics).toMatch(/switchyard_request_duration_seconds_bucket\{le="300",route="chat-gemini",provider="gemini",model="[^"]+",use_case=""\}/);
  });
});

describe('the last good config', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'switchyard-state-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('is persisted with its credentials, owner-only, and a restarted sidecar serves keyed routes from it (ADR 0009)', async () => {
    const first = await started(startServer({ port: 0, log: silentLogger, stateDir }));
    await first.holder.load(compiled.result.config, compiled.credentials, 11);
    expect((await stat(join(stateDir, 'last-good-config.json'))).mode & 0o777).toBe(0o600);
    const next = await started(startServer({ port: 0, log: silentLogger, stateDir }));
    expect(await next.holder.restoreLastGood({})).toEqual({ ok: true, version: compiled.result.config?.version, revision: 11 });
    const keyless = await postJson(`${next.url}/v1/chat/completions`, { model: 'chat-ollama', messages });
    expect(keyless.status).toBe(200);
    const keyed = await postJson(`${next.url}/v1/chat/completions`, { model: 'chat-openai', messages });
    expect(keyed.status).toBe(200);
  });

  it('takes the same revision again once, the operator\'s copy replacing the restored one', async () => {
    const next = await started(startServer({ port: 0, log: silentLogger, stateDir }));
    await next.holder.restoreLastGood({});
    expect(await next.holder.load(compiled.result.config, compiled.credentials, 11)).toMatchObject({ ok: true, revision: 11 });
    expect((await postJson(`${next.url}/v1/chat/completions`, { model: 'chat-openai', messages })).status).toBe(200);
    expect(await next.holder.load(compiled.result.config, compiled.credentials, 11)).toMatchObject({ ok: false, reason: 'Stale' });
  });
});

describe('standalone reload', () => {
  let dir: string;
  let sidecar: StandaloneSidecar;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-reload-'));
    await writeFile(join(dir, 'fleet.yaml'), await readFile(join(fleet.dir, 'fleet.yaml'), 'utf8'));
    sidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger, env: {} });
  });
  afterAll(async () => {
    await sidecar.close(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('swaps in a changed file', async () => {
    const before = sidecar.holder.current?.version;
    const text = await readFile(join(dir, 'fleet.yaml'), 'utf8');
    await writeFile(join(dir, 'fleet.yaml'), text.replace('models: [chat-openai]', 'models: [chat-openai, renamed-openai]'));
    const outcome = await sidecar.reload();
    expect(outcome.ok).toBe(true);
    expect(outcome.version).not.toBe(before);
    expect((await postJson(`${sidecar.url}/v1/chat/completions`, { model: 'renamed-openai', messages })).status).toBe(200);
  });

  it('keeps the running config when the files no longer compile to anything servable', async () => {
    const before = sidecar.holder.current?.version;
    await writeFile(join(dir, 'fleet.yaml'), 'apiVersion: switchyard.dev/v1alpha1\nkind: ModelRoute\nmetadata: { name: broken }\nspec: { match: { models: [x] }, targets: oops }\n');
    const outcome = await sidecar.reload();
    expect(outcome).toMatchObject({ ok: false, problems: [expect.stringContaining('modelroute/broken')] });
    expect(sidecar.holder.current?.version).toBe(before);
    expect((await postJson(`${sidecar.url}/v1/chat/completions`, { model: 'chat-openai', messages })).status).toBe(200);
  });
});
