// status.experiments through the status writer: written when figures change, removed (merge
// patch null) when the route drops its experiments, and left alone when there is nothing to say.
import { describe, expect, it } from '@jest/globals';
import type { ModelRoute } from '@switchyard/contract';
import type { KubePort } from '../kube/port.js';
import { StatusWriter } from '../reconcile/status-writer.js';

function recordingPort(patches: Record<string, unknown>[]): KubePort {
  const unused = (): never => { throw new Error('unused'); };
  return {
    readSecret: unused, readPod: unused, reviewToken: unused, reviewAccess: unused, readLease: unused, writeLease: unused,
    applyConfigMap: unused, deleteConfigMap: unused, readConfigMap: unused,
    patchStatus: async (_ref, status) => {
      patches.push({ ...status });
      return String(100 + patches.length);
    },
    recordEvent: async () => undefined,
  } as KubePort;
}

const route = {
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute',
  metadata: { name: 'chat', namespace: 'team-a', uid: 'u1', generation: 1, resourceVersion: '50' },
  spec: { match: { models: ['chat'] }, targets: [] },
} as unknown as ModelRoute;

const ready = [{ type: 'Ready', status: 'True' as const, reason: 'Synced', message: '1/1' }];
const results = (requests: number): unknown => [{ name: 'ab', variants: [{ name: 'a', requests, errors: 0 }] }];

describe('status.experiments', () => {
  it('is written as figures change, removed when the route drops its experiments, then left alone', async () => {
    const patches: Record<string, unknown>[] = [];
    const writer = new StatusWriter(recordingPort(patches));
    const at = new Date('2026-11-28T10:00:00Z');
    expect(await writer.write(route, { conditions: ready, fields: { experiments: results(3) } }, at)).toBe('written');
    expect(await writer.write(route, { conditions: ready, fields: { experiments: results(3) } }, at)).toBe('unchanged');
    expect(await writer.write(route, { conditions: ready, fields: { experiments: results(5) } }, at)).toBe('written');
    expect(await writer.write(route, { conditions: ready, fields: { experiments: null } }, at)).toBe('written');
    expect(patches.at(-1)).toMatchObject({ experiments: null });
    expect(await writer.write(route, { conditions: ready, fields: { experiments: null } }, at)).toBe('unchanged');
    expect(patches).toHaveLength(3);
  });

  it('costs no write on a route that never had experiments', async () => {
    const patches: Record<string, unknown>[] = [];
    const writer = new StatusWriter(recordingPort(patches));
    const at = new Date('2026-11-28T10:00:00Z');
    const current = { ...route, status: { conditions: [{ ...ready[0]!, lastTransitionTime: at.toISOString(), observedGeneration: 1 }], observedGeneration: 1 } } as ModelRoute;
    expect(await writer.write(current, { conditions: ready, fields: { experiments: null } }, at)).toBe('unchanged');
    expect(patches).toHaveLength(0);
  });
});
