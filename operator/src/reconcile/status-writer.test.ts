import { describe, expect, it } from '@jest/globals';
import type { ModelRoute } from '@switchyard/contract';
import type { EventRecord, KubePort, ObjectRef } from '../kube/port.js';
import { StatusWriter } from './status-writer.js';

function recordingPort(): { port: KubePort; patches: Record<string, unknown>[]; events: EventRecord[] } {
  const patches: Record<string, unknown>[] = [];
  const events: EventRecord[] = [];
  const unused = (): never => { throw new Error('unused'); };
  const port: KubePort = {
    readSecret: unused, readPod: unused, reviewToken: unused, reviewAccess: unused, readLease: unused, writeLease: unused,
    applyConfigMap: unused, deleteConfigMap: unused, readConfigMap: unused,
    patchStatus: async (_ref: ObjectRef, status) => {
      patches.push({ ...status });
      return String(100 + patches.length);
    },
    recordEvent: async (event) => { events.push(event); },
  };
  return { port, patches, events };
}

const route = {
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute',
  metadata: { name: 'chat', namespace: 'team-a', uid: 'u1', generation: 3, resourceVersion: '50' },
  spec: { match: { models: ['chat'] }, targets: [] },
} as unknown as ModelRoute;

const broken = { conditions: [{ type: 'Ready', status: 'False' as const, reason: 'PoolNotFound', message: 'ProviderPool "x" not found' }], fields: { synced: '0/0' } };

describe('StatusWriter', () => {
  it('writes once, then skips an identical status even before the informer sees the write', async () => {
    const { port, patches, events } = recordingPort();
    const writer = new StatusWriter(port);
    expect(await writer.write(route, broken, new Date('2026-11-28T10:00:00Z'))).toBe('written');
    expect(await writer.write(route, broken, new Date('2026-11-28T10:05:00Z'))).toBe('unchanged');
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ observedGeneration: 3, synced: '0/0', conditions: [{ observedGeneration: 3, lastTransitionTime: '2026-11-28T10:00:00Z' }] });
    expect(events.map((e) => [e.type, e.reason])).toEqual([['Warning', 'PoolNotFound']]);
  });

  it('keeps lastTransitionTime when only the message changes, and records no event for it', async () => {
    const { port, patches, events } = recordingPort();
    const writer = new StatusWriter(port);
    await writer.write(route, broken, new Date('2026-11-28T10:00:00Z'));
    const reworded = { ...broken, conditions: [{ ...broken.conditions[0]!, message: 'still missing' }] };
    await writer.write(route, reworded, new Date('2026-11-28T10:05:00Z'));
    expect(patches[1]).toMatchObject({ conditions: [{ message: 'still missing', lastTransitionTime: '2026-11-28T10:00:00Z' }] });
    expect(events).toHaveLength(1);
  });
});
