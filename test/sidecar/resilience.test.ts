// The commit point: before the first byte reaches the client a failed candidate is replaced;
// after it, the stream ends with exactly one error event and no [DONE]. And a client that goes
// away takes its upstream request with it.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { routeYaml, startFleet, type Fleet } from './fleet.js';
import { errorOf, postJson, sseData } from './http-client.js';

let fleet: Fleet;
let sidecar: StandaloneSidecar;
const messages = [{ role: 'user', content: 'one two three four five six seven eight' }];

beforeAll(async () => {
  fleet = await startFleet();
  sidecar = await startSidecar({ files: [fleet.dir], port: 0, log: silentLogger });
});
afterAll(async () => {
  await sidecar.close();
  await fleet.close();
});
beforeEach(() => {
  fleet.resetAll();
  // Each case starts with healthy endpoints: passive health would otherwise carry ejections over.
  sidecar.holder.current?.resilience.state.reset();
});

const chatURL = (): string => `${sidecar.url}/v1/chat/completions`;

describe('failover before the first byte', () => {
  it.each([
    // A transient failure is retried once on the same endpoint after a backoff, then fails over.
    { name: 'a 503 moves a request to the next target', stream: false, script: { status: 503, count: 2 } },
    { name: 'a 503 moves a stream to the next target', stream: true, script: { status: 503, count: 2 } },
    { name: 'a connection cut before any answer moves a request to the next target', stream: false, script: { resetAfterChunks: 0, count: 2 } },
    { name: 'an error event before any chunk moves a stream to the next target', stream: true, script: { streamErrorAfterChunks: 0, errorKind: 'overloaded' as const, count: 2 } },
  ])('$name', async ({ stream, script }) => {
    fleet.sim('openai').script(script);
    const response = await postJson(chatURL(), { model: 'chat-failover', messages, stream });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'x-switchyard-provider': 'anthropic', 'x-switchyard-target': 'backup' });
    expect(stream ? sseData(response.text).at(-1) : response.text).toEqual(stream ? '[DONE]' : expect.stringContaining('Hello from anthropic'));
    expect(fleet.sim('openai').requests).toHaveLength(2);
    expect(fleet.sim('anthropic').requests).toHaveLength(1);
  });

  it('a request the provider says is wrong is not tried elsewhere', async () => {
    fleet.sim('openai').script({ errorKind: 'bad_request' });
    const response = await postJson(chatURL(), { model: 'chat-failover', messages });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('upstream_bad_request');
    expect(fleet.sim('anthropic').requests).toHaveLength(0);
  });

  it('when every target fails, the last failure is the answer, and the SDK is told not to retry on top', async () => {
    fleet.sim('openai').script({ status: 503, always: true });
    fleet.sim('anthropic').script({ errorKind: 'overloaded', always: true });
    const response = await postJson(chatURL(), { model: 'chat-failover', messages });
    expect(response.status).toBe(503);
    expect(errorOf(response)).toMatchObject({ code: 'upstream_overloaded', type: 'server_error' });
    expect(response.headers['x-should-retry']).toBe('false');
  });
});

describe('after the first byte', () => {
  it('a mid-stream reset yields the chunks already sent and exactly one error event, no [DONE]', async () => {
    fleet.sim('openai').script({ resetAfterChunks: 3, trickleMs: 20 });
    const response = await postJson(chatURL(), { model: 'chat-failover', messages, stream: true });
    expect(response.status).toBe(200);
    const frames = sseData(response.text);
    const errors = frames.filter((frame) => frame.startsWith('{"error"'));
    expect(frames.length).toBeGreaterThan(1);
    expect(errors).toHaveLength(1);
    expect(frames.at(-1)).toBe(errors[0]);
    expect(JSON.parse(errors[0] ?? '{}')).toMatchObject({ error: { type: 'server_error' } });
    expect(frames).not.toContain('[DONE]');
    expect(fleet.sim('anthropic').requests).toHaveLength(0);
  });

  it('an in-stream provider error ends the stream with that error once', async () => {
    // Anthropic's first two events (message_start, content_block_start) carry no text, and events
    // arriving in one read are translated together: trickled, the error comes after text reached
    // the client.
    fleet.sim('anthropic').script({ streamErrorAfterChunks: 4, errorKind: 'overloaded', trickleMs: 20 });
    const response = await postJson(chatURL(), { model: 'chat-anthropic', messages, stream: true });
    const frames = sseData(response.text);
    expect(response.status).toBe(200);
    expect(frames.filter((frame) => frame.startsWith('{"error"'))).toHaveLength(1);
    expect(frames.length).toBeGreaterThan(1);
    expect(JSON.parse(frames.at(-1) ?? '{}')).toMatchObject({ error: { code: 'upstream_overloaded' } });
    expect(frames).not.toContain('[DONE]');
  });
});

describe('a client that goes away', () => {
  let upstream: Server;
  let upstreamClosedAt: number | undefined;
  let hangingSidecar: StandaloneSidecar;
  let dir: string;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'slow', choices: [{ index: 0, delta: { role: 'assistant', content: 'first' }, finish_reason: null }] })}\n\n`);
      res.on('close', () => {
        upstreamClosedAt = performance.now();
      });
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const { port } = upstream.address() as AddressInfo;
    dir = await mkdtemp(join(tmpdir(), 'switchyard-hang-'));
    const pool = `apiVersion: switchyard.dev/v1alpha1
kind: ProviderPool
metadata:
  name: fleet
spec:
  endpoints:
    - name: slow
      provider: openai
      baseURL: http://127.0.0.1:${port}/v1
      inCluster: true
      models:
        - name: slow
          capabilities: { contextWindowTokens: 1000 }
          pricing: { inputPerMillion: "1", outputPerMillion: "1" }
`;
    await writeFile(join(dir, 'hang.yaml'), `${pool}---\n${routeYaml('slow', 'slow', 'slow')}`);
    hangingSidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger });
  });
  afterAll(async () => {
    await hangingSidecar.close(0);
    upstream.closeAllConnections();
    upstream.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('aborts the upstream request within a second', async () => {
    const controller = new AbortController();
    const response = await fetch(`${hangingSidecar.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'slow', messages, stream: true }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain('"content":"first"');
    const abortedAt = performance.now();
    controller.abort();
    const deadline = abortedAt + 1000;
    while (upstreamClosedAt === undefined && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(upstreamClosedAt).toBeDefined();
    expect((upstreamClosedAt ?? Infinity) - abortedAt).toBeLessThan(1000);
  });
});
