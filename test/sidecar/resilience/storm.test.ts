// Retry storm (R6): every provider answers 503 at a steady 100 requests/s for a simulated minute.
// The sidecar runs on a manual clock (the retry budget's window, deadlines and ejections read
// it); the test advances it 100 ms per batch of 10 requests. Once the budget window has filled,
// upstream attempts per client request stay at or below 1.25, and memory stays flat.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Simulator } from '../../simulators/src/index.js';
import { recordFigures } from './figures.js';
import { ManualClock } from './manual-clock.js';
import { NAMES, startRig, startSims, type EndpointName, type Rig } from './rig.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const RATE_PER_SECOND = 100;
const BATCH = 10;
const SECONDS = 60;
const WINDOW_MS = 10_000;

let sims: Record<EndpointName, Simulator>;
let rig: Rig;
const clock = new ManualClock();

beforeAll(async () => {
  sims = await startSims();
  rig = await startRig(sims, { retry: '{ maxAttempts: 3, baseBackoffMilliseconds: 10, maxBackoffMilliseconds: 50, budgetPercent: 20, minRetriesPerSecond: 1 }', resilience: { clock } });
  for (const name of NAMES) sims[name].script({ status: 503, always: true });
});
afterAll(async () => {
  await rig.close();
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
});

function takeUpstreamCount(): number {
  let count = 0;
  for (const name of NAMES) {
    count += sims[name].requests.length;
    sims[name].clearRequests();
  }
  return count;
}

// RSS in a test worker moves with GC timing; the live heap after a full collection does not.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function liveHeapBytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('a retry storm', () => {
  it('all providers 503 for a minute: at most 1.25 upstream attempts per request once the window is full, memory flat', async () => {
    const start = clock.now();
    const stepMs = (1000 * BATCH) / RATE_PER_SECOND;
    let warm = { requests: 0, attempts: 0 };
    let full = { requests: 0, attempts: 0 };
    let errors = 0;
    let heapAtWindow = 0;
    for (let sent = 0; sent < RATE_PER_SECOND * SECONDS; sent += BATCH) {
      const replies = await Promise.all(Array.from({ length: BATCH }, () => rig.chat()));
      errors += replies.filter((reply) => reply.status >= 500).length;
      const attempts = takeUpstreamCount();
      const windowFull = clock.now() - start >= WINDOW_MS;
      if (windowFull) full = { requests: full.requests + BATCH, attempts: full.attempts + attempts };
      else warm = { requests: warm.requests + BATCH, attempts: warm.attempts + attempts };
      if (windowFull && heapAtWindow === 0) heapAtWindow = liveHeapBytes();
      clock.advance(stepMs);
    }
    const ratio = full.attempts / full.requests;
    const heapGrowthMb = (liveHeapBytes() - heapAtWindow) / 1024 / 1024;
    recordFigures('R6 retry storm (100 rps, 60 s simulated)', {
      requests: RATE_PER_SECOND * SECONDS, errors, attemptsPerRequestFirst10s: warm.attempts / warm.requests, attemptsPerRequestAfter: ratio, heapGrowthMb,
    });
    expect(errors).toBe(RATE_PER_SECOND * SECONDS);
    expect(ratio).toBeLessThanOrEqual(1.25);
    expect(heapGrowthMb).toBeLessThan(16);
  }, 120_000);
});
