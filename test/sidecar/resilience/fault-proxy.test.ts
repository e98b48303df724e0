import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.js';
import { waitFor } from '../../support/wait.js';

const BODY = 'x'.repeat(10_000);

let target: http.Server;
let targetPort: number;
let proxy: FaultProxy;

beforeAll(async () => {
  target = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(BODY.length) });
    res.end(BODY);
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetPort = (target.address() as AddressInfo).port;
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: targetPort } });
});

afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => target.close(() => resolve()));
});

interface Got {
  readonly status?: number;
  readonly body: string;
  readonly error?: string;
  readonly ms: number;
}

/** One GET on a fresh connection, with a client-side timeout. */
function get(timeoutMs = 2_000): Promise<Got> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = http.get(`${proxy.url}/`, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ status: res.statusCode ?? 0, body, error: error.code ?? error.message, ms: Date.now() - started }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ body: '', error: error.code ?? error.message, ms: Date.now() - started }));
  });
}

const noLeak = (): Promise<boolean> => waitFor(() => proxy.openSockets === 0, 2_000, 10);

describe('the TCP fault proxy', () => {
  it('passes traffic through untouched', async () => {
    proxy.setFault({ mode: 'pass' });
    const got = await get();
    expect({ status: got.status, error: got.error, length: got.body.length }).toEqual({ status: 200, error: undefined, length: BODY.length });
    await noLeak();
  });

  it('refuses by closing at once', async () => {
    proxy.setFault({ mode: 'refuse' });
    const got = await get();
    expect(got.status).toBeUndefined();
    expect(got.error).toBe('ECONNRESET');
    await noLeak();
  });

  it('resets the connection after N bytes of the answer', async () => {
    proxy.setFault({ mode: 'reset', afterBytes: 1_000 });
    const got = await get();
    expect(got.status).toBe(200);
    expect(got.error).toBe('ECONNRESET');
    expect(got.body.length).toBeLessThan(1_000);
    await noLeak();
  });

  it('blackholes: accepts and never answers, and holds the socket until the client gives up', async () => {
    proxy.setFault({ mode: 'blackhole' });
    const pending = get(300);
    await waitFor(() => proxy.openSockets === 1, 1_000, 5);
    const got = await pending;
    expect(got.error).toBe('CLIENT_TIMEOUT');
    expect(got.ms).toBeGreaterThanOrEqual(290);
    await noLeak();
  });

  it('delays every chunk', async () => {
    proxy.setFault({ mode: 'delay', ms: 150 });
    const got = await get();
    expect({ status: got.status, error: got.error, length: got.body.length }).toEqual({ status: 200, error: undefined, length: BODY.length });
    expect(got.ms).toBeGreaterThanOrEqual(290);
    await noLeak();
  });
});
