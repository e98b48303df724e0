import { describe, expect, it } from '@jest/globals';
import type { ResourceCondition } from '@switchyard/contract';
import { routeStatusOf, type RouteSync } from './route-status.js';

const compiled: ResourceCondition[] = [
  { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: '' },
  { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' },
  { type: 'Ready', status: 'True', reason: 'Compiled', message: '' },
];
const sync = (over: Partial<RouteSync>): RouteSync => ({ configVersion: 'sha256:1', synced: 8, total: 8, rejections: [], carried: false, ...over });

describe('routeStatusOf', () => {
  it.each([
    ['is Ready=True Synced when every selected sidecar runs the route', sync({}), 'True', 'Synced', '8/8'],
    ['is Ready=False Syncing while some do not yet', sync({ synced: 7 }), 'False', 'Syncing', '7/8'],
    ['is Ready=False SidecarsRejected when one refused it', sync({ synced: 7, rejections: [{ pod: 'a/web-1', reason: 'BuildFailed', message: 'x' }] }), 'False', 'SidecarsRejected', '7/8'],
    ['keeps compile\'s Ready when no sidecar is selected', sync({ synced: 0, total: 0 }), 'True', 'Compiled', '0/0'],
  ])('%s', (_name, given, status, reason, synced) => {
    const result = routeStatusOf(compiled, given);
    expect(result.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status, reason });
    expect(result.synced).toBe(synced);
  });

  it('says that sidecars keep the last valid config when compile rejects the route', () => {
    const rejected: ResourceCondition[] = [{ type: 'Ready', status: 'False', reason: 'PoolNotFound', message: 'ProviderPool "x" not found' }];
    const ready = routeStatusOf(rejected, sync({ carried: true })).conditions[0]!;
    expect(ready).toMatchObject({ status: 'False', reason: 'PoolNotFound' });
    expect(ready.message).toContain('sidecars keep serving its last valid config (sha256:1)');
  });
});
