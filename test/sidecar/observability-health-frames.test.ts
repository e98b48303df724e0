// The health frames a sidecar sends the operator, from a real sidecar's passive health: every
// endpoint of its config when a stream opens, an endpoint ejected after failures, one broken by
// refused credentials, endpoints whose credentials never arrived after a config swap, and
// nothing once the stream is gone.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EndpointHealthReport } from '@switchyard/contract';
import { healthPublisher } from '../../sidecar/src/channel/health-report.js';
import { waitFor } from '../support/wait.js';
import { startObservabilityRig, type ObservabilityRig } from './observability-rig.js';

let rig: ObservabilityRig;
const frames: EndpointHealthReport[][] = [];
let detach: () => void = () => undefined;

const latest = (): Map<string, EndpointHealthReport> => new Map((frames.at(-1) ?? []).map((report) => [report.id, report]));

beforeAll(async () => {
  rig = await startObservabilityRig();
  const publisher = healthPublisher(rig.sidecar.endpointHealth, () => rig.sidecar.holder.current, 50);
  detach = publisher.attach((frame) => {
    if (frame.type === 'health') frames.push([...frame.endpoints]);
  });
});

afterAll(async () => {
  detach();
  await rig.close();
});

describe('health frames from a running sidecar', () => {
  it('lists every endpoint of the config as healthy when the stream opens', () => {
    expect(frames).toHaveLength(1);
    expect(frames[0]).toEqual(['obs/anthropic', 'obs/flaky', 'obs/gemini', 'obs/openai'].map((id) => ({ id, health: 'Healthy', reason: null, canaryReady: null })));
  });

  it('reports an endpoint passive health ejected after failures', async () => {
    rig.sims.openai.script({ status: 503, match: { model: 'gpt-4o' }, always: true });
    for (let index = 0; index < 2; index += 1) await rig.chat('failover');
    rig.sims.openai.clearScripts();
    await waitFor(() => latest().get('obs/flaky')?.health === 'Ejected', 5_000, 20);
    expect(latest().get('obs/flaky')).toEqual({ id: 'obs/flaky', health: 'Ejected', reason: 'failures', canaryReady: null });
    expect(latest().get('obs/openai')?.health).toBe('Healthy');
  });

  it('reports refused credentials as broken', async () => {
    rig.sims.anthropic.script({ errorKind: 'auth' });
    expect((await rig.chat('anthropic')).status).toBe(502);
    await waitFor(() => latest().get('obs/anthropic')?.health === 'Broken', 5_000, 20);
    expect(latest().get('obs/anthropic')?.reason).toBe('auth');
  });

  it('reports endpoints whose credentials did not arrive with a new config', async () => {
    const runtime = rig.sidecar.holder.current;
    expect((await rig.sidecar.holder.load(runtime?.config, {}, (runtime?.revision ?? 0) + 1)).ok).toBe(true);
    await waitFor(() => latest().get('obs/gemini')?.health === 'Broken', 5_000, 50);
    expect(latest().get('obs/gemini')?.reason).toBe('credentials_missing');
  });

  it('sends nothing once detached, and never the same list twice', async () => {
    detach();
    const sent = frames.length;
    rig.sims.gemini.script({ errorKind: 'auth' });
    await rig.chat('gemini');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(frames.length).toBe(sent);
    const texts = frames.map((frame) => JSON.stringify(frame));
    expect(texts.every((text, index) => index === 0 || text !== texts[index - 1])).toBe(true);
  });
});
