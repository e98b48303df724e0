// Canary probes (the "ready for failover" verdicts): on schedule, secondary endpoints get
// a small probe, scored against expectContains; the verdict and its latency show in /metrics.
// The sidecar runs on a manual clock and timers, so the schedule is driven by the test.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Simulator } from '../../simulators/src/index.js';
import { waitFor } from '../../support/wait.js';
import { recordFigures } from './figures.js';
import { ManualClock } from './manual-clock.js';
import { startRig, startSims, type EndpointName, type Rig } from './rig.js';

let sims: Record<EndpointName, Simulator>;
let rig: Rig;
const clock = new ManualClock();

beforeAll(async () => {
  sims = await startSims();
  rig = await startRig(sims, {
    // c comes before b in the failover chain, until its canary fails.
    targets: ['a', 'c', 'b'],
    endpoints: {
      b: { canary: '{ enabled: true, intervalSeconds: 10, prompt: "Say hello", expectContains: "hello" }' },
      c: { canary: '{ enabled: true, intervalSeconds: 10, prompt: "Capital of France?", expectContains: "paris" }' },
    },
    resilience: { clock, timers: clock },
  });
});
afterAll(async () => {
  await rig.close();
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
});

async function metric(name: string, endpoint: string): Promise<string | undefined> {
  const text = await (await fetch(`${rig.sidecar.url}/metrics`)).text();
  return new RegExp(`^${name}\\{endpoint="${endpoint}"\\} (\\S+)$`, 'm').exec(text)?.[1];
}

describe('canary probes', () => {
  it('nothing is probed before the interval; then each secondary gets one probe and a verdict in metrics', async () => {
    clock.advance(9_999);
    expect(sims.b.requests).toHaveLength(0);
    clock.advance(1);
    await waitFor(async () => (await metric('switchyard_canary_ready', 'rig/b')) !== undefined && (await metric('switchyard_canary_ready', 'rig/c')) !== undefined, 5_000, 20);
    const verdicts = {
      bReady: await metric('switchyard_canary_ready', 'rig/b') ?? 'absent',
      cReady: await metric('switchyard_canary_ready', 'rig/c') ?? 'absent',
      bLatencySeconds: await metric('switchyard_canary_latency_seconds', 'rig/b') ?? 'absent',
    };
    recordFigures('canary verdicts', { ...verdicts, probesToB: sims.b.requests.length, probesToC: sims.c.requests.length, probesToA: sims.a.requests.length });
    expect(verdicts).toMatchObject({ bReady: '1', cReady: '0' });
    expect(sims.b.requests).toHaveLength(1);
    expect(sims.a.requests).toHaveLength(0);
    expect(rig.sidecar.holder.current?.resilience.canaryReady('rig/c')).toBe(false);
  });

  it('a failing canary puts its endpoint behind the others in a failover', async () => {
    await waitFor(() => rig.sidecar.holder.current?.resilience.canaryReady('rig/c') === false, 5_000, 20);
    sims.a.script({ errorKind: 'auth' });
    const reply = await rig.chat();
    expect(reply.status).toBe(200);
    expect(reply.headers['x-switchyard-target']).toBe('b');
  });
});
