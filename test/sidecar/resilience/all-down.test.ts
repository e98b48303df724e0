// Every provider failing (R4): each request ends with an OpenAI-format error within the deadline,
// after at most the configured number of upstream attempts, and the SDK is told not to retry.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Simulator } from '../../simulators/src/index.js';
import { recordFigures } from './figures.js';
import { NAMES, runConcurrently, startRig, startSims, type EndpointName, type Rig } from './rig.js';

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

function maxAttemptsPerRequest(): number {
  const counts = new Map<string, number>();
  for (const name of NAMES) {
    for (const request of sims[name].requests) {
      const id = String(request.headers['x-request-id'] ?? '');
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return Math.max(0, ...counts.values());
}

describe('every provider failing', () => {
  it('503 everywhere: 1,000 requests each end in an OpenAI error well inside 30.5 s, within maxAttempts', async () => {
    rig = await startRig(sims, { retry: '{ maxAttempts: 3 }' });
    for (const name of NAMES) sims[name].script({ status: 503, always: true });
    const replies = await runConcurrently(1_000, 16, () => rig!.chat());
    const slowest = Math.max(...replies.map((reply) => reply.ms));
    const attempts = maxAttemptsPerRequest();
    recordFigures('R4 all providers 503', {
      requests: 1_000, errors: replies.filter((reply) => reply.status >= 400).length, slowestMs: slowest, maxUpstreamAttemptsPerRequest: attempts,
      statuses: [...new Set(replies.map((reply) => reply.status))].join(','),
    });
    expect(slowest).toBeLessThan(30_500);
    expect(attempts).toBeLessThanOrEqual(3);
    for (const reply of replies) {
      expect(reply.status).toBe(503);
      expect(reply.headers['x-should-retry']).toBe('false');
      expect(JSON.parse(reply.text)).toEqual({ error: { message: expect.any(String), type: 'server_error', param: null, code: 'upstream_overloaded' } });
    }
  }, 60_000);

  it('every provider stalls: the deadline cuts the request with a timeout error', async () => {
    rig = await startRig(sims, { retry: '{ maxAttempts: 3, deadlineSeconds: 2 }' });
    for (const name of NAMES) sims[name].script({ stall: true, always: true });
    const replies = await runConcurrently(20, 20, () => rig!.chat());
    const slowest = Math.max(...replies.map((reply) => reply.ms));
    recordFigures('R4 all providers stall, 2 s deadline', { requests: 20, slowestMs: slowest, maxUpstreamAttemptsPerRequest: maxAttemptsPerRequest() });
    expect(slowest).toBeLessThan(2_500);
    for (const reply of replies) {
      expect(reply.status).toBe(504);
      expect(JSON.parse(reply.text)).toMatchObject({ error: { code: 'upstream_timeout', type: 'server_error' } });
    }
  });
});
