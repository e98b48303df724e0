// The operator's budget service over a document store with the same optimistic concurrency as
// ConfigMaps: usage applied once however often it is resent (also by a new service over the same
// store: an operator restart), grants persisted and never past the limit, thresholds announced once.
import { describe, expect, it } from '@jest/globals';
import { windowAt, type CompiledBudget, type SidecarConfig, type UsageRecord } from '@switchyard/contract';
import { SidecarHub, type Connection } from '../channel/hub.js';
import type { OperatorFrame } from '../channel/frames.js';
import type { EventRecord, KubePort } from '../kube/port.js';
import { silentLogger } from '../log.js';
import { AccountStore } from './accounts.js';
import { MemoryDocuments } from './memory-documents.js';
import { BudgetService } from './service.js';
import { UsageStore } from './usage-store.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const budget: CompiledBudget = {
  name: 'team', scope: { routes: ['chat'], header: null, podLabels: [] }, window: { period: 'monthly', anchorDay: 1 },
  limitMicroUsd: 1_000, maxRequestCostMicroUsd: null, onExceed: 'reject', thresholds: [{ percent: 50, action: 'alert' }],
  attribution: { team: 'search', feature: 'chat' }, broken: null,
};
const config = { version: 'v1', budgets: [budget], endpoints: [] } as unknown as SidecarConfig;

function record(id: number, cost: number): UsageRecord {
  return {
    id: `ns/web-0/b/${id}`, time: new Date(NOW).toISOString(), cycle: '2026-11', namespace: 'ns', pod: 'ns/web-0', requestId: `r${id}`,
    route: 'chat', useCase: '', target: 'mini', provider: 'openai', endpoint: 'pool/oai', model: 'gpt-4o-mini', commitment: 'pay-as-you-go',
    team: 'search', feature: 'chat', inputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 5, reasoningTokens: 0,
    predictedMicroUsd: cost, costMicroUsd: cost, estimated: false, budgets: [{ budget: 'team', window: '2026-11' }],
  };
}

function rig(documents = new MemoryDocuments()) {
  const events: EventRecord[] = [];
  const hub = new SidecarHub({ onSidecarChange: () => {}, onUnknownPod: () => {} });
  hub.publish('ns', new Map([['ns/web', { revision: 1, version: 'v1', config, credentials: {}, compiledAt: 0 }]]), new Map([['web-0', 'ns/web']]));
  const frames: OperatorFrame[] = [];
  const connection: Connection = { id: 1, namespace: 'ns', pod: 'web-0', connectedAt: new Date(0), send: (frame) => frames.push(frame), close: () => {} };
  hub.attach(connection);
  const port = { recordEvent: async (event: EventRecord) => { events.push(event); } } as unknown as KubePort;
  const accounts = new AccountStore(documents);
  const usage = new UsageStore(documents);
  const service = new BudgetService({ accounts, usage, hub, port, log: silentLogger, now: () => NOW, budgetUid: () => 'uid-1' });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  const read = () => accounts.read({ kind: 'budget', namespace: 'ns', name: 'team' }, windowAt(budget.window, NOW));
  return { documents, service, connection, frames, events, usage, settle, read };
}

describe('the budget service', () => {
  it('applies a usage frame once, even when resent to an operator restarted over the same store', async () => {
    const first = rig();
    const frame = { type: 'usage' as const, source: 'ns/web-0/b', seq: 1, records: [record(1, 300), record(2, 250)] };
    first.service.receive(first.connection, frame);
    first.service.receive(first.connection, frame);
    await first.settle();
    const restarted = rig(first.documents);
    restarted.service.receive(restarted.connection, frame);
    await restarted.settle();
    expect((await restarted.read()).spentMicroUsd).toBe(550);
    expect(await restarted.usage.read('ns', '2026-11')).toHaveLength(2);
    expect(first.frames.filter((f) => f.type === 'usage-ack')).toEqual([
      { type: 'usage-ack', seq: 1, source: 'ns/web-0/b' }, { type: 'usage-ack', seq: 1, source: 'ns/web-0/b' },
    ]);
    expect(first.events.map((event) => event.reason)).toEqual(['BudgetThresholdReached']);
    expect(restarted.events).toEqual([]);
  });

  it('grants what is asked up to the limit, persisted, and then nothing', async () => {
    const { service, connection, frames, settle, read } = rig();
    service.receive(connection, { type: 'allowance-ask', source: 'a', budget: 'team', window: '2026-11', need: 700, extra: 0 });
    service.receive(connection, { type: 'allowance-ask', source: 'b', budget: 'team', window: '2026-11', need: 700, extra: 0 });
    service.receive(connection, { type: 'allowance-ask', source: 'a', budget: 'team', window: '2026-11', need: 10, extra: 0 });
    await settle();
    expect(frames.filter((f) => f.type === 'allowance').map((f) => (f.type === 'allowance' ? [f.granted, f.remaining] : []))).toEqual([[700, 300], [300, 0], [700, 0]]);
    expect(Object.values((await read()).sources).map((source) => source.granted)).toEqual([700, 300]);
  });

  it('answers an ask for a budget the sidecar config does not have with nothing', async () => {
    const { service, connection, frames, settle } = rig();
    service.receive(connection, { type: 'allowance-ask', source: 'a', budget: 'gone', window: '2026-11', need: 5, extra: 0 });
    await settle();
    expect(frames.filter((f) => f.type === 'allowance')).toEqual([{ type: 'allowance', budget: 'gone', window: '2026-11', granted: 0, remaining: 0, action: 'none' }]);
  });
});
