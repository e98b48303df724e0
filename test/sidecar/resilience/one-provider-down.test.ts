// 1 of 3 providers answers 503 to every request (R1): no client sees an error, and once passive
// health ejects it only probes reach it.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Simulator } from '../../simulators/src/index.js';
import type { HealthChange } from '../../../sidecar/src/resilience/index.js';
import { NO_EVENTS } from '../../../sidecar/src/resilience/index.js';
import { recordFigures } from './figures.js';
import { runConcurrently, sseData, startRig, startSims, type EndpointName, type Rig } from './rig.js';

let sims: Record<EndpointName, Simulator>;
let rig: Rig;
let ejectedAt: number | undefined;

beforeAll(async () => {
  sims = await startSims();
  const onHealth = (endpointId: string, change: HealthChange): void => {
    if (endpointId === 'rig/a' && change.kind === 'ejected' && ejectedAt === undefined) ejectedAt = sims.a.requests.length;
  };
  rig = await startRig(sims, {
    endpoints: { a: { health: '{ consecutiveFailures: 5, baseEjectionSeconds: 1, maxEjectionSeconds: 4 }' } },
    resilience: { events: { ...NO_EVENTS, health: onHealth } },
  });
  sims.a.script({ status: 503, always: true });
});

afterAll(async () => {
  await rig.close();
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
});

describe('one provider of three answering 503 to everything', () => {
  it('10,000 requests and 2,000 streams see no error; after ejection under 2 % reach it', async () => {
    const started = performance.now();
    const plain = await runConcurrently(10_000, 32, () => rig.chat());
    const streams = await runConcurrently(2_000, 32, () => rig.chat({ stream: true }));
    const seconds = (performance.now() - started) / 1000;
    const errors = [...plain, ...streams].filter((reply) => reply.status !== 200).length;
    const badStreams = streams.filter((reply) => sseData(reply.text).at(-1) !== '[DONE]').length;
    const afterEjection = sims.a.requests.length - (ejectedAt ?? 0);
    const share = afterEjection / 12_000;
    recordFigures('R1 one of three providers 503', {
      requests: 10_000, streams: 2_000, clientErrors: errors, brokenStreams: badStreams, seconds,
      upstreamAtEjection: ejectedAt ?? -1, reachedAfterEjection: afterEjection, shareAfterEjection: share,
      servedByB: sims.b.requests.length, servedByC: sims.c.requests.length,
    });
    expect(errors).toBe(0);
    expect(badStreams).toBe(0);
    expect(ejectedAt).toBeDefined();
    expect(share).toBeLessThanOrEqual(0.02);
  }, 170_000);
});
