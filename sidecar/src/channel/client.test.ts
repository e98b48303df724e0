// The sidecar's channel client against a fake operator (a real HTTP/2 TLS server on port 0):
// hello first, acks what it loads, refuses replays and tampered configs, keeps the old config,
// and reconnects announcing what it runs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, type SidecarConfig, type SwitchyardResource } from '@switchyard/contract';
import { ConfigHolder } from '../config/holder.js';
import { silentLogger } from '../metrics/log.js';
import { startChannelClient, type ChannelClient } from './client.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-channel-test-'));

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

interface FakeOperator {
  readonly url: string;
  /** Frames each stream received, by connection. */
  readonly received: unknown[][];
  readonly streams: ServerHttp2Stream[];
  send(frame: unknown, connection?: number): void;
  close(): Promise<void>;
}

async function startFakeOperator(cert: Buffer, key: Buffer): Promise<FakeOperator> {
  const received: unknown[][] = [];
  const streams: ServerHttp2Stream[] = [];
  const server: Http2SecureServer = createSecureServer({ cert, key });
  server.on('stream', (stream, headers) => {
    if (headers[':path'] !== '/v1/channel' || headers.authorization !== 'Bearer token-1') {
      stream.respond({ ':status': 401 });
      stream.end('{}');
      return;
    }
    const frames: unknown[] = [];
    received.push(frames);
    streams.push(stream);
    stream.respond({ ':status': 200, 'content-type': 'application/x-ndjson' });
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') frames.push(JSON.parse(line));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    streams,
    send: (frame, connection = streams.length - 1) => void streams[connection]!.write(`${JSON.stringify(frame)}\n`),
    close: () => new Promise((resolve) => {
      for (const stream of streams) stream.close();
      server.close(() => resolve());
    }),
  };
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let operator: FakeOperator;
let client: ChannelClient;
let holder: ConfigHolder;
const v1 = configFor('model-one');
const v2 = configFor('model-two');

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=operator', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  writeFileSync(join(dir, 'token'), 'token-1\n');
  operator = await startFakeOperator(readFileSync(join(dir, 'cert.pem')), readFileSync(join(dir, 'key.pem')));
  holder = new ConfigHolder({ log: silentLogger, stateDir: join(dir, 'state') });
  client = startChannelClient({
    operatorUrl: operator.url, caFile: join(dir, 'cert.pem'), tokenFile: join(dir, 'token'), pod: 'team-a/web-0', holder,
    backoff: { baseMs: 20, maxMs: 100 },
  });
  await until(() => operator.received[0]?.length === 1);
});

afterAll(async () => {
  await client.stop();
  await operator.close();
  await holder.close();
});

const snapshot = (revision: number, config: unknown, version = (config as SidecarConfig).version): unknown =>
  ({ type: 'snapshot', revision, version, config, credentials: {} });

describe('the sidecar channel client', () => {
  it('says hello first, naming its pod and that it runs nothing', () => {
    expect(operator.received[0]![0]).toEqual({ type: 'hello', pod: 'team-a/web-0', revision: null, version: null });
  });

  it('loads a snapshot and acks it', async () => {
    operator.send(snapshot(5, v1));
    await until(() => operator.received[0]!.length === 2);
    expect(operator.received[0]![1]).toEqual({ type: 'ack', revision: 5, version: v1.version });
    expect(holder.current?.version).toBe(v1.version);
  });

  it.each([
    ['refuses a replayed older snapshot as Stale and keeps the running config', () => snapshot(4, v2), 'Stale'],
    ['refuses a newer revision whose config was edited after compile', () => snapshot(6, { ...v2, routes: [] }, v2.version), 'SchemaInvalid'],
  ])('%s', async (_name, frame, reason) => {
    const before = operator.received[0]!.length;
    operator.send(frame());
    await until(() => operator.received[0]!.length === before + 1);
    expect(operator.received[0]![before]).toMatchObject({ type: 'nack', reason });
    expect(holder.current).toMatchObject({ version: v1.version, revision: 5 });
  });

  it('acks a repeat of the snapshot it runs without reloading', async () => {
    const runtime = holder.current;
    const before = operator.received[0]!.length;
    operator.send(snapshot(5, v1));
    await until(() => operator.received[0]!.length === before + 1);
    expect(operator.received[0]![before]).toEqual({ type: 'ack', revision: 5, version: v1.version });
    expect(holder.current).toBe(runtime);
  });

  it('reconnects after the stream ends and announces what it runs', async () => {
    operator.streams[0]!.close();
    await until(() => operator.received.length === 2 && operator.received[1]!.length === 1);
    expect(operator.received[1]![0]).toEqual({ type: 'hello', pod: 'team-a/web-0', revision: 5, version: v1.version });
    operator.send(snapshot(7, v2));
    await until(() => holder.current?.version === v2.version);
  });
});
