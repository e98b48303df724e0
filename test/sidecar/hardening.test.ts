// The HTTP edge against hostile clients, over raw sockets: oversized bodies and heads, slow
// clients (slowloris on the head and on the body), request-smuggling shapes, and headers that
// must never travel upstream. Each gets the answer docs/security.md documents, and the sidecar
// keeps serving everyone else meanwhile.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { connect, type Socket } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { errorOf, postJson, send, sendRaw } from './http-client.js';
import { keysAndPoolHead } from './pool-yaml.js';

const KEY = 'sk-hardening-upstream-2c7e1f';
const LIMITS = { maxBodyBytes: 256 * 1024, maxHeaderBytes: 16 * 1024, headersTimeoutMs: 1000, requestTimeoutMs: 2000 };

let sim: Simulator;
let sidecar: StandaloneSidecar;
let dir: string;
/** Paths of every metered request the sidecar handled: a smuggled request would show up here. */
const handled: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'openai', apiKey: KEY });
  dir = await mkdtemp(join(tmpdir(), 'switchyard-hardening-'));
  await writeFile(join(dir, 'config.yaml'), `${keysAndPoolHead(`{ openai: ${KEY} }`)}
    - name: oai
      provider: openai
      baseURL: ${sim.url}/v1
      inCluster: true
      credentials: { secretRef: { name: keys, key: openai } }
      models:
        - { name: gpt-4o-mini, capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: "1", outputPerMillion: "2" } }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: chat }
spec:
  match: { models: [chat] }
  targets: [{ name: mini, pool: pool, model: gpt-4o-mini }]
`);
  sidecar = await startSidecar({
    files: [dir], port: 0, log: silentLogger, limits: LIMITS,
    onFinished: [({ ex }) => handled.push(`${ex.req.method ?? ''} ${ex.req.url ?? ''}`)],
  });
});

afterAll(async () => {
  await sidecar?.close(0);
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  handled.length = 0;
  sim.reset();
});

const CHAT_BODY = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });

async function healthyChat(): Promise<number> {
  return (await postJson(`${sidecar.url}/v1/chat/completions`, JSON.parse(CHAT_BODY))).status;
}

interface RawExchange {
  /** Everything the sidecar sent back before it closed the connection. */
  readonly text: string;
  /** Status lines of every response in `text`. */
  readonly statuses: number[];
  readonly closed: boolean;
  readonly elapsedMs: number;
}

/** Opens a socket, runs `drive` on it, and collects the answer until the sidecar closes it (or `waitMs`). */
function rawExchange(drive: (socket: Socket) => Promise<void> | void, waitMs = 6000): Promise<RawExchange> {
  const url = new URL(sidecar.url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    let text = '';
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
      resolve({ text, statuses, closed, elapsedMs: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? finish(true) : reject(error)));
    socket.on('connect', () => void Promise.resolve(drive(socket)).catch(() => undefined));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `text` one byte at a time, `gapMs` apart, until the socket closes. */
async function dribble(socket: Socket, text: string, gapMs: number): Promise<void> {
  for (const char of text) {
    if (socket.destroyed || !socket.writable) return;
    socket.write(char);
    await sleep(gapMs);
  }
}

describe('size limits', () => {
  it('answers an oversized body with 413 before reading it, and closes the connection', async () => {
    const declared = 64 * 1024 * 1024;
    const result = await rawExchange((socket) => {
      socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: sidecar\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`);
      socket.write('{"model":"chat","messages":[');
    });
    expect(result.statuses).toEqual([413]);
    expect(result.text).toContain('"code":"body_too_large"');
    expect(result.closed).toBe(true);
    // Closed after the answer, not left to read the rest until the request timeout.
    expect(result.elapsedMs).toBeLessThan(LIMITS.requestTimeoutMs);
    expect(await healthyChat()).toBe(200);
  });

  it('answers an oversized chunked body with 413 once the cap is crossed', async () => {
    const result = await rawExchange(async (socket) => {
      socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: sidecar\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 8 && !socket.destroyed; i += 1) {
        socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        await sleep(5);
      }
    });
    expect(result.statuses).toEqual([413]);
    expect(result.closed).toBe(true);
    expect(result.elapsedMs).toBeLessThan(LIMITS.requestTimeoutMs);
    expect(sim.requests).toHaveLength(0);
  });

  it('answers oversized headers with 431 and keeps serving', async () => {
    const response = await sendRaw(`${sidecar.url}/v1/chat/completions`, { 'x-padding': 'p'.repeat(LIMITS.maxHeaderBytes + 1024) }, CHAT_BODY);
    expect(response.status).toBe(431);
    expect(errorOf(response).code).toBe('headers_too_large');
    expect(await healthyChat()).toBe(200);
  });
});

describe('slow clients', () => {
  it('closes a connection that dribbles its head (slowloris) with 408, while a normal request still succeeds', async () => {
    const slow = Array.from({ length: 20 }, () => rawExchange((socket) => dribble(socket, `POST /v1/chat/completions HTTP/1.1\r\nHost: sidecar\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`, 100)));
    await sleep(200);
    expect(await healthyChat()).toBe(200);
    const results = await Promise.all(slow);
    for (const result of results) {
      expect(result.closed).toBe(true);
      expect(result.statuses).toEqual([408]);
      // Node checks the timeouts once a second: closed within the head timeout plus one check.
      expect(result.elapsedMs).toBeLessThan(LIMITS.headersTimeoutMs + 2500);
    }
    expect(handled).toEqual(['POST /v1/chat/completions']);
  });

  it('closes a connection that dribbles its body with 408 within the request timeout, and never calls upstream for it', async () => {
    const body = CHAT_BODY;
    const slow = rawExchange((socket) => {
      socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: sidecar\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      return dribble(socket, body, 200);
    });
    await sleep(200);
    expect(await healthyChat()).toBe(200);
    const result = await slow;
    expect(result.closed).toBe(true);
    expect(result.statuses).toEqual([408]);
    expect(result.text).toContain('"code":"request_timeout"');
    expect(result.elapsedMs).toBeLessThan(LIMITS.requestTimeoutMs + 2500);
    expect(sim.requests).toHaveLength(1);
  });
});

const SMUGGLED = 'GET /v1/models HTTP/1.1\r\nHost: sidecar\r\n\r\n';
const head = (lines: string[]): string => `POST /v1/chat/completions HTTP/1.1\r\nHost: sidecar\r\nContent-Type: application/json\r\n${lines.map((line) => `${line}\r\n`).join('')}\r\n`;

describe('request smuggling shapes get 400, a closed connection, and never a second request', () => {
  it.each([
    ['Content-Length and Transfer-Encoding together', `${head(['Content-Length: 4', 'Transfer-Encoding: chunked'])}0\r\n\r\n${SMUGGLED}`],
    ['two different Content-Lengths', `${head(['Content-Length: 2', 'Content-Length: 60'])}{}${SMUGGLED}`],
    ['two equal Content-Lengths', `${head(['Content-Length: 2', 'Content-Length: 2'])}{}${SMUGGLED}`],
    ['a Content-Length list', `${head(['Content-Length: 2, 2'])}{}${SMUGGLED}`],
    ['a folded header line (obs-fold)', `${head(['X-Folded: a', ' Transfer-Encoding: chunked', 'Content-Length: 2'])}{}${SMUGGLED}`],
    ['Transfer-Encoding that is not chunked last', `${head(['Transfer-Encoding: chunked, identity'])}2\r\n{}\r\n0\r\n\r\n${SMUGGLED}`],
    ['an obfuscated Transfer-Encoding', `${head(['Transfer-Encoding: xchunked'])}2\r\n{}\r\n0\r\n\r\n${SMUGGLED}`],
    ['a chunk size that is not hex', `${head(['Transfer-Encoding: chunked'])}zz\r\n{}\r\n0\r\n\r\n${SMUGGLED}`],
    ['a chunk size with a sign', `${head(['Transfer-Encoding: chunked'])}+2\r\n{}\r\n0\r\n\r\n${SMUGGLED}`],
    ['a chunk size that overflows', `${head(['Transfer-Encoding: chunked'])}fffffffffffffffff\r\n{}\r\n0\r\n\r\n${SMUGGLED}`],
    ['a chunk without its CRLF', `${head(['Transfer-Encoding: chunked'])}2\r\n{}XX0\r\n\r\n${SMUGGLED}`],
    ['a space before the colon', `${head(['Content-Length : 2'])}{}${SMUGGLED}`],
    ['a bare LF ending header lines', `POST /v1/chat/completions HTTP/1.1\nHost: sidecar\nContent-Length: 2\n\n{}${SMUGGLED}`],
  ])('%s', async (_name, payload) => {
    const result = await rawExchange((socket) => {
      socket.write(payload);
    });
    expect(result.statuses).toEqual([400]);
    expect(result.closed).toBe(true);
    expect(result.text).toContain('"type":"invalid_request_error"');
    expect(handled.filter((request) => request.startsWith('GET'))).toEqual([]);
    expect(sim.requests).toHaveLength(0);
  });

  it('answers two honest pipelined requests twice (the control: the count above is real)', async () => {
    const result = await rawExchange((socket) => {
      socket.write(`${SMUGGLED}GET /v1/models HTTP/1.1\r\nHost: sidecar\r\nConnection: close\r\n\r\n`);
    });
    expect(result.statuses).toEqual([200, 200]);
    expect(handled).toEqual(['GET /v1/models', 'GET /v1/models']);
  });

  it('still serves after all of that', async () => {
    expect(await healthyChat()).toBe(200);
  });
});

describe('headers between the client, the sidecar and the provider', () => {
  const CLIENT_HEADERS: Record<string, string> = {
    authorization: 'Bearer client-token-7d2a',
    'proxy-authorization': 'Basic Y2xpZW50OnNlY3JldA==',
    cookie: 'session=client-cookie-19',
    'x-api-key': 'client-api-key-31',
    'api-key': 'client-azure-key-44',
    'x-forwarded-for': '203.0.113.9',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'http',
    forwarded: 'for=203.0.113.9;host=evil.example',
    'x-real-ip': '203.0.113.9',
    'keep-alive': 'timeout=17, max=3',
    te: 'trailers',
    trailer: 'x-checksum',
    'proxy-connection': 'client-proxy-conn-8',
    'x-switchyard-test': 'client-custom-55',
  };

  it('sends the provider none of the client’s headers: credentials, forwarding and hop-by-hop names never travel', async () => {
    const response = await sendRaw(`${sidecar.url}/v1/chat/completions`, CLIENT_HEADERS, CHAT_BODY);
    expect(response.status).toBe(200);
    const received = sim.requests[0]?.headers ?? {};
    expect(received['authorization']).toBe(`Bearer ${KEY}`);
    const text = JSON.stringify(received);
    for (const [name, value] of Object.entries(CLIENT_HEADERS)) {
      expect(text).not.toContain(value);
      if (name !== 'authorization') expect(Object.keys(received)).not.toContain(name);
    }
  });

  it('relays none of the provider’s cookies or hop-by-hop headers to the client', async () => {
    sim.script({ headers: { 'set-cookie': 'provider-session=77', 'keep-alive': 'timeout=99', 'x-internal-host': 'gpu-node-12', 'proxy-authenticate': 'Basic realm=p' } });
    const response = await send(`${sidecar.url}/v1/chat/completions`, { body: CHAT_BODY });
    expect(response.status).toBe(200);
    expect(Object.keys(response.headers)).not.toEqual(expect.arrayContaining(['set-cookie']));
    expect(JSON.stringify(response.headers)).not.toMatch(/provider-session|gpu-node-12|realm=p|timeout=99/);
  });
});
