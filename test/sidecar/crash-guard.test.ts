// An uncaught exception inside one request fails that request with `internal` and leaves the
// server serving. Runs in a child process: the guard hooks process-wide events.

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorOf, postJson } from './http-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let child: ChildProcess;
let stderr = '';
let url = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-crash-'));
  const sidecarDist = pathToFileURL(join(ROOT, 'sidecar', 'dist', 'index.js')).href;
  child = spawn(process.execPath, [join(ROOT, 'test', 'sidecar', 'fixtures', 'crash-child.mjs'), sidecarDist, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [line] = (await once(createInterface({ input: child.stdout ?? process.stdin }), 'line')) as [string];
  url = line.trim();
});
afterAll(async () => {
  child.kill('SIGTERM');
  await once(child, 'exit');
  await rm(dir, { recursive: true, force: true });
});

it('fails only the request whose callback threw, and keeps serving', async () => {
  const messages = [{ role: 'user', content: 'hi' }];
  const failed = await postJson(`${url}/v1/chat/completions`, { model: 'crashy', messages });
  expect(failed.status).toBe(500);
  expect(errorOf(failed)).toEqual({ message: 'Internal gateway error.', type: 'server_error', param: null, code: 'internal' });
  const next = await postJson(`${url}/v1/chat/completions`, { model: 'crashy', messages });
  expect(next.status).toBe(200);
  expect(next.text).toContain('late answer');
  expect(child.exitCode).toBeNull();
  expect(stderr).toContain('uncaught exception in a request');
  expect(stderr).toContain('planted bug in a callback');
});
