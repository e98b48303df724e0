// 429 with Retry-After (R2): the request fails over at once, nothing reaches the endpoint until
// the wait is over; with no one else to ask, the request waits when the wait fits the deadline
// and fails fast (with the hint) when it does not.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Simulator } from '../../simulators/src/index.js';
import { recordFigures } from './figures.js';
import { startRig, startSims, type EndpointName, type Rig } from './rig.js';

let sims: Record<EndpointName, Simulator>;
let rig: Rig | undefined;

beforeAll(async () => {
  sims = await startSims();
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  Object.values(sims).forEach((sim) => sim.reset());
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a 429 with Retry-After', () => {
  it.each([
    { name: 'Retry-After: 2 (seconds)', headers: { 'retry-after': '2', 'retry-after-ms': '' } },
    { name: 'retry-after-ms: 2000', headers: { 'retry-after-ms': '2000', 'retry-after': '' } },
  ])('$name: fails over at once and sends nothing there for 2 s', async ({ headers }) => {
    rig = await startRig(sims);
    sims.a.script({ errorKind: 'rate_limit', headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '')) });
    const first = await rig.chat();
    const limitedAt = Date.parse(sims.a.requests[0]?.at ?? '');
    expect(first.status).toBe(200);
    expect(first.headers['x-switchyard-target']).toBe('b');
    const early: number[] = [];
    while (Date.now() < limitedAt + 1_900) {
      const reply = await rig.chat();
      expect(reply.status).toBe(200);
      early.push(reply.ms);
      await sleep(25);
    }
    const seenEarly = sims.a.requests.filter((request) => Date.parse(request.at) < limitedAt + 2_000).length;
    await sleep(Math.max(0, limitedAt + 2_050 - Date.now()));
    const later = await rig.chat();
    recordFigures(`R2 429 ${Object.keys(headers).find((name) => headers[name as keyof typeof headers] !== '')}`, {
      firstFailoverMs: first.ms, requestsBefore2s: early.length + 1, reachedLimitedEndpointBefore2s: seenEarly - 1, servedByAfter2s: later.headers['x-switchyard-target'] ?? '',
    });
    expect(seenEarly).toBe(1);
    expect(first.ms).toBeLessThan(500);
    expect(later.headers['x-switchyard-target']).toBe('a');
  }, 20_000);

  it('with a single candidate and a wait that fits the deadline, the request waits and succeeds', async () => {
    rig = await startRig(sims, { targets: ['a'] });
    sims.a.script({ errorKind: 'rate_limit', headers: { 'retry-after': '1', 'retry-after-ms': '1000' } });
    const reply = await rig.chat();
    recordFigures('R2 single candidate waits', { status: reply.status, ms: reply.ms, upstreamAttempts: sims.a.requests.length });
    expect(reply.status).toBe(200);
    expect(reply.ms).toBeGreaterThanOrEqual(1_000);
    expect(sims.a.requests).toHaveLength(2);
  });

  it('with a single candidate and a wait past the deadline, the request fails fast with the hint', async () => {
    rig = await startRig(sims, { targets: ['a'], retry: '{ deadlineSeconds: 5 }' });
    sims.a.script({ errorKind: 'rate_limit', headers: { 'retry-after': '30', 'retry-after-ms': '30000' } });
    const reply = await rig.chat();
    recordFigures('R2 single candidate, wait past deadline', { status: reply.status, ms: reply.ms, retryAfter: reply.headers['retry-after'] ?? '' });
    expect(reply.status).toBe(429);
    expect(reply.ms).toBeLessThan(100);
    expect(reply.headers).toMatchObject({ 'retry-after': '30', 'x-should-retry': 'true' });
    expect(JSON.parse(reply.text)).toMatchObject({ error: { code: 'upstream_rate_limited', type: 'rate_limit_error' } });
    expect(sims.a.requests).toHaveLength(1);
  });
});
