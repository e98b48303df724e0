// Failures that must not be retried (R3, R5): quota exhaustion fails over and cools the endpoint
// for long; an auth failure fails over and marks the endpoint broken; a request the provider says
// is wrong goes nowhere else and its message is relayed.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Simulator } from '../../simulators/src/index.js';
import { recordFigures } from './figures.js';
import { runConcurrently, startRig, startSims, type EndpointName, type Rig } from './rig.js';

let sims: Record<EndpointName, Simulator>;
let rig: Rig;

beforeAll(async () => {
  sims = await startSims();
  rig = await startRig(sims);
});
afterEach(() => {
  Object.values(sims).forEach((sim) => sim.reset());
  rig.sidecar.holder.current?.resilience.state.reset();
});
afterAll(async () => {
  await rig.close();
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
});

/** How often each client request reached the simulator (by the x-request-id the sidecar sends). */
function attemptsPerRequest(sim: Simulator): number[] {
  const counts = new Map<string, number>();
  for (const request of sim.requests) {
    const id = String(request.headers['x-request-id'] ?? '');
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts.values()];
}

describe('failures that are never retried on the same endpoint', () => {
  it.each([
    { name: 'quota exhausted', errorKind: 'quota' as const, reason: 'quota' },
    { name: 'credentials refused', errorKind: 'auth' as const, reason: 'auth' },
  ])('$name: 0 retries there, every request succeeds on the next target, the endpoint stays out', async ({ name, errorKind, reason }) => {
    sims.a.script({ errorKind, always: true });
    const replies = await runConcurrently(500, 16, () => rig.chat());
    const succeeded = replies.filter((reply) => reply.status === 200).length;
    const retriesThere = attemptsPerRequest(sims.a).filter((count) => count > 1).length;
    const health = rig.sidecar.holder.current?.resilience.state.health('rig/a').snapshot();
    recordFigures(`R3 ${name}`, {
      requests: 500, succeeded, reachedEndpoint: sims.a.requests.length, retriesThere, ejectionReason: health?.reason ?? 'none',
    });
    expect(succeeded).toBe(500);
    expect(retriesThere).toBe(0);
    expect(sims.a.requests.length).toBeLessThanOrEqual(16);
    expect(health).toMatchObject({ state: 'ejected', reason });
  });

  it.each([
    { name: '400 bad request', script: { errorKind: 'bad_request' as const }, code: 'upstream_bad_request' },
    // The OpenAI adapter reads a 413 as the prompt being too long for the model.
    { name: '413 payload too large', script: { status: 413 }, code: 'context_length_exceeded' },
    { name: '422 unprocessable', script: { status: 422 }, code: 'upstream_bad_request' },
  ])('$name: 0 retries, 0 failovers, the message is relayed', async ({ name, script, code }) => {
    sims.a.script({ ...script, always: true });
    const replies = await runConcurrently(100, 8, () => rig.chat());
    const received = rig.received();
    recordFigures(`R5 ${name}`, { requests: 100, reachedA: received.a, reachedB: received.b, reachedC: received.c });
    expect(received).toEqual({ a: 100, b: 0, c: 0 });
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.headers['x-should-retry']).toBe('false');
      expect(JSON.parse(reply.text)).toMatchObject({ error: { code, type: 'invalid_request_error', message: expect.any(String) } });
    }
  });
});
