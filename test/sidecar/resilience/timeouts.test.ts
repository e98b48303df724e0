// Connection-level faults through the TCP fault proxy (R7): an upstream that accepts and never
// answers trips the first-byte timeout and the request fails over within that timeout + 1 s;
// refused and reset connections fail over too; no socket is left open.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Simulator } from '../../simulators/src/index.js';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.js';
import { waitFor } from '../../support/wait.js';
import { recordFigures } from './figures.js';
import { runConcurrently, sseData, startRig, startSims, streamedContent, type EndpointName, type Rig } from './rig.js';

const FIRST_BYTE_MS = 1_000;

let sims: Record<EndpointName, Simulator>;
let proxy: FaultProxy;
let rig: Rig;

beforeAll(async () => {
  sims = await startSims();
  const target = new URL(sims.a.url);
  proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
  rig = await startRig(sims, {
    endpoints: { a: { root: proxy.url, timeouts: `{ connectMilliseconds: 500, firstByteMilliseconds: ${FIRST_BYTE_MS}, idleMilliseconds: 1000 }` } },
  });
});
afterEach(() => {
  proxy.setFault({ mode: 'pass' });
  rig.sidecar.holder.current?.resilience.state.reset();
  Object.values(sims).forEach((sim) => sim.reset());
});
afterAll(async () => {
  await rig.close();
  await proxy.close();
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
});

describe('connection faults', () => {
  it('an upstream that accepts and never answers: the first-byte timeout fires and failover succeeds within it + 1 s', async () => {
    proxy.setFault({ mode: 'blackhole' });
    const replies = await runConcurrently(20, 20, () => rig.chat());
    const slowest = Math.max(...replies.map((reply) => reply.ms));
    await waitFor(() => proxy.openSockets === 0, 3_000, 20);
    recordFigures('R7 blackhole', {
      requests: 20, served: replies.filter((reply) => reply.status === 200).length, slowestMs: slowest, fastestMs: Math.min(...replies.map((reply) => reply.ms)),
      openSocketsAfter: proxy.openSockets, acceptedByProxy: proxy.accepted,
    });
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.headers['x-switchyard-target']).toBe('b');
    }
    expect(slowest).toBeLessThan(FIRST_BYTE_MS + 1_000);
    expect(proxy.openSockets).toBe(0);
  });

  it.each([
    { name: 'a refused connection', fault: { mode: 'refuse' as const } },
    { name: 'a reset after the first bytes of the answer', fault: { mode: 'reset' as const, afterBytes: 64 } },
  ])('$name: 0 client errors over 200 requests, no socket left open', async ({ name, fault }) => {
    proxy.setFault(fault);
    const replies = await runConcurrently(200, 16, () => rig.chat());
    await waitFor(() => proxy.openSockets === 0, 3_000, 20);
    const errors = replies.filter((reply) => reply.status !== 200).length;
    recordFigures(`R7 ${name}`, { requests: 200, errors, openSocketsAfter: proxy.openSockets });
    expect(errors).toBe(0);
  });

  it('a slow but alive upstream (every chunk 300 ms late) is never cut while it keeps within the idle timeout', async () => {
    proxy.setFault({ mode: 'delay', ms: 300 });
    const reference = await rig.chat({ stream: true, content: 'slow but alive' });
    proxy.setFault({ mode: 'pass' });
    const fast = await rig.chat({ stream: true, content: 'slow but alive' });
    recordFigures('R10 delayed chunks via proxy', { status: reference.status, ms: reference.ms, target: reference.headers['x-switchyard-target'] ?? '' });
    expect(reference.status).toBe(200);
    expect(reference.headers['x-switchyard-target']).toBe('a');
    expect(sseData(reference.text).at(-1)).toBe('[DONE]');
    expect(streamedContent(sseData(reference.text))).toEqual(streamedContent(sseData(fast.text)));
  });
});
