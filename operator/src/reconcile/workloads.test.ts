import { describe, expect, it } from '@jest/globals';
import type { PodInfo } from '../kube/port.js';
import { groupWorkloads } from './workloads.js';

function pod(name: string, labels: Record<string, string>, deleting = false): PodInfo {
  return { namespace: 'team-a', name, uid: name, resourceVersion: '1', labels, serviceAccountName: 'web', creationTimestamp: '', deleting };
}

describe('groupWorkloads', () => {
  it('puts pods that differ only in controller-stamped labels in one workload, named by app', () => {
    const workloads = groupWorkloads('team-a', [
      pod('web-1', { app: 'web', 'pod-template-hash': 'aaa' }),
      pod('web-2', { app: 'web', 'pod-template-hash': 'bbb' }),
      pod('batch-1', { app: 'batch' }),
      pod('web-3', { app: 'web' }, true),
    ]);
    expect(workloads.map((w) => [w.name, w.pods])).toEqual(expect.arrayContaining([['web', ['web-1', 'web-2']], ['batch', ['batch-1']]]));
    expect(workloads).toHaveLength(2);
  });
});
