// The admin listener of the in-cluster sidecar: the kubelet probes /healthz and /readyz on it
// (the data plane is loopback-only in the pod), it follows the same config holder as the data
// plane, and it serves nothing of the data plane.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, type SidecarConfig, type SwitchyardResource } from '@switchyard/contract';
import { runClusterSidecar, silentLogger, startServer, type ClusterSidecar } from '@switchyard/sidecar';
import { postJson, send } from './http-client.js';

function configFor(model: string): SidecarConfig {
  const resources = [
    { apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'main' }, spec: { endpoints: [{
      name: 'local', provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', inCluster: true,
      models: [{ name: model, capabilities: { contextWindowTokens: 8000 }, pricing: { inputPerMillion: '0', outputPerMillion: '0' } }],
    }] } },
    { apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'chat' }, spec: {
      match: { models: ['chat'] }, targets: [{ name: 'main', pool: 'main', model }],
    } },
  ] as SwitchyardResource[];
  const { config } = compile({ namespace: 'team-a', resources, secrets: [] });
  if (config === null) throw new Error('fixture does not compile');
  return config;
}

let scratch: string;
let cluster: ClusterSidecar;
let admin: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchyard-admin-'));
  await Promise.all([writeFile(join(scratch, 'ca.crt'), 'not a certificate'), writeFile(join(scratch, 'token'), 'token-1')]);
  // No operator answers on port 1: the sidecar keeps retrying and serves what it has.
  cluster = await runClusterSidecar({
    operatorUrl: 'https://127.0.0.1:1', caFile: join(scratch, 'ca.crt'), tokenFile: join(scratch, 'token'), pod: 'team-a/app-1',
    host: '127.0.0.1', port: 0, adminHost: '127.0.0.1', adminPort: 0, log: silentLogger,
  });
  admin = cluster.sidecar.admin?.url ?? '';
});

afterAll(async () => {
  await cluster.close(0);
  await rm(scratch, { recursive: true, force: true });
});

describe('the admin listener in cluster mode', () => {
  it('listens on its own port, apart from the data plane', () => {
    expect(cluster.sidecar.admin).toMatchObject({ host: '127.0.0.1' });
    expect(cluster.sidecar.admin?.port).toBeGreaterThan(0);
    expect(cluster.sidecar.admin?.port).not.toBe(cluster.sidecar.port);
  });

  it('answers /healthz 200 and /readyz 503 before any config, then /readyz 200 with the loaded config', async () => {
    expect((await send(`${admin}/healthz`)).status).toBe(200);
    const before = await send(`${admin}/readyz`);
    expect(before.status).toBe(503);
    expect(JSON.parse(before.text)).toMatchObject({ status: 'not ready', reason: 'no config loaded yet' });
    const config = configFor('gpt-4o-mini');
    expect(await cluster.sidecar.holder.load(config, {}, 4)).toMatchObject({ ok: true, revision: 4 });
    const after = await send(`${admin}/readyz`);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toEqual({ status: 'ready', version: config.version, revision: 4 });
    expect(JSON.parse((await send(`${cluster.sidecar.url}/readyz`)).text)).toEqual(JSON.parse(after.text));
  });

  it('serves /metrics with the loaded config', async () => {
    const metrics = await send(`${admin}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('switchyard_config_info{');
  });

  it.each([
    { name: 'chat completions are not served on the admin port', method: 'POST', path: '/v1/chat/completions' },
    { name: 'embeddings are not served on the admin port', method: 'POST', path: '/v1/embeddings' },
    { name: 'the model list is not served on the admin port', method: 'GET', path: '/v1/models' },
  ])('$name', async ({ method, path }) => {
    const response = method === 'POST' ? await postJson(`${admin}${path}`, { model: 'chat', messages: [] }) : await send(`${admin}${path}`);
    expect(response.status).toBe(404);
  });
});

describe('without an admin port', () => {
  it('opens no admin listener', async () => {
    const sidecar = await startServer({ port: 0, log: silentLogger });
    try {
      expect(sidecar.admin).toBeUndefined();
    } finally {
      await sidecar.close(0);
    }
  });
});
