import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RecordedRequest, type Script, type Simulator } from '../../simulators/src/index.js';

// Scripting semantics over plain HTTP: what a gateway test sees when it pushes faults.

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'openai' });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function chat(model = 'gpt-4o-mini', init: { stream?: boolean; signal?: AbortSignal } = {}): Promise<Response> {
  const body = { model, stream: init.stream ?? false, messages: [{ role: 'user', content: 'one two three four five six' }] };
  return fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...(init.signal ? { signal: init.signal } : {}) });
}

async function statuses(count: number, model?: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) out.push((await chat(model)).status);
  return out;
}

describe('scripted behaviours', () => {
  it.each<{ name: string; scripts: Script[]; models?: string[]; expected: number[] }>([
    { name: 'a script applies to the next request only', scripts: [{ status: 503 }], expected: [503, 200, 200] },
    { name: 'count applies a script to the next N requests', scripts: [{ status: 500, count: 2 }], expected: [500, 500, 200] },
    { name: 'scripts are served first in, first out', scripts: [{ status: 429 }, { status: 401 }], expected: [429, 401, 200] },
    { name: 'an always script applies until cleared', scripts: [{ status: 503, always: true }], expected: [503, 503, 503] },
    { name: 'a counted script takes precedence over an always script', scripts: [{ status: 503, always: true }, { status: 429 }], expected: [429, 503, 503] },
    { name: 'a model match skips requests for other models', scripts: [{ status: 429, match: { model: 'gpt-4o' } }], models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4o'], expected: [200, 429, 200] },
  ])('$name', async ({ scripts, models, expected }) => {
    sim.script(...scripts);
    const seen: number[] = [];
    for (const [i] of expected.entries()) seen.push((await chat(models?.[i])).status);
    expect(seen).toEqual(expected);
  });

  it('waits before sending headers', async () => {
    sim.script({ latencyBeforeHeadersMs: 150 });
    const started = performance.now();
    expect((await chat()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('trickles stream chunks with a delay between them', async () => {
    sim.script({ trickleMs: 40 });
    const started = performance.now();
    const text = await (await chat('gpt-4o-mini', { stream: true })).text();
    const chunks = text.split('\n\n').filter((frame) => frame.startsWith('data: {')).length;
    expect(performance.now() - started).toBeGreaterThanOrEqual(40 * (chunks - 1) - 10);
  });

  it('stalls a request until the client gives up', async () => {
    sim.script({ stall: true });
    await expect(chat('gpt-4o-mini', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(sim.requests).toHaveLength(1);
    expect((await chat()).status).toBe(200);
  });

  it('sends a raw body override with its status and headers', async () => {
    sim.script({ status: 502, body: '<html>bad gateway</html>', headers: { 'x-served-by': 'edge' } });
    const response = await chat();
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-served-by')).toBe('edge');
    expect(await response.text()).toBe('<html>bad gateway</html>');
  });

  it('cuts a non-streamed answer mid-body', async () => {
    sim.script({ resetAfterChunks: 1 });
    await expect(chat().then((response) => response.text())).rejects.toThrow();
  });
});

describe('the /__sim control endpoints', () => {
  it('queue scripts, list them, and record requests', async () => {
    const queued = await fetch(`${sim.url}/__sim/script`, { method: 'POST', body: JSON.stringify([{ errorKind: 'quota', count: 2 }]) });
    expect(await queued.json()).toEqual({ queued: 1 });
    expect(await (await fetch(`${sim.url}/__sim/script`)).json()).toEqual([{ errorKind: 'quota', count: 2 }]);
    expect(await statuses(3)).toEqual([429, 429, 200]);
    const recorded = (await (await fetch(`${sim.url}/__sim/requests`)).json()) as RecordedRequest[];
    expect(recorded.map((entry) => entry.script?.errorKind ?? null)).toEqual(['quota', 'quota', null]);
    expect(recorded[0]?.body).toMatchObject({ model: 'gpt-4o-mini' });
    expect((await fetch(`${sim.url}/__sim/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(sim.requests).toHaveLength(0);
  });

  it('reject a malformed script with 400', async () => {
    const response = await fetch(`${sim.url}/__sim/script`, { method: 'POST', body: JSON.stringify({ errorKind: 'meltdown' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining('errorKind must be one of') });
  });

  it('clear persistent scripts', async () => {
    sim.script({ status: 503, always: true });
    expect((await fetch(`${sim.url}/__sim/script`, { method: 'DELETE' })).status).toBe(204);
    expect(await statuses(1)).toEqual([200]);
  });
});

describe('the CLI', () => {
  it('prints the listening line and serves until terminated', async () => {
    const main = fileURLToPath(new URL('../../simulators/dist/main.js', import.meta.url));
    const child = spawn(process.execPath, [main, '--dialect', 'gemini', '--port', '0', '--api-key', 'cli-key', '--script', '{"status":503,"always":true}'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const match = line.toString().match(/^listening gemini (http:\/\/127\.0\.0\.1:\d+)\n$/);
      expect(match).not.toBeNull();
      const response = await fetch(`${match?.[1]}/v1beta/models/gemini-2.0-flash:generateContent?key=cli-key`, { method: 'POST', body: '{"contents":[{"parts":[{"text":"hi"}]}]}' });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
