import { describe, expect, it } from '@jest/globals';
import { LeaderElector } from './lease.js';
import type { KubePort, LeaseRecord, LeaseWrite } from './port.js';

/** A Lease store with the apiserver's optimistic concurrency; everything else unused. */
function leaseStore(): { port: KubePort; lease: () => LeaseRecord | undefined } {
  let stored: LeaseRecord | undefined;
  let version = 0;
  const unused = (): never => { throw new Error('unused'); };
  const port: KubePort = {
    readSecret: unused, readPod: unused, applyConfigMap: unused, deleteConfigMap: unused, readConfigMap: unused, patchStatus: unused, recordEvent: unused, reviewToken: unused, reviewAccess: unused,
    readLease: async () => stored,
    writeLease: async (_ns, _name, lease): Promise<LeaseWrite> => {
      if ((stored?.resourceVersion ?? undefined) !== lease.resourceVersion) return 'conflict';
      version += 1;
      stored = { ...lease, resourceVersion: String(version) };
      return 'ok';
    },
  };
  return { port, lease: () => stored };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const timing = { leaseDurationMs: 300, renewDeadlineMs: 200, retryPeriodMs: 30 };

describe('LeaderElector', () => {
  it('lets exactly one of two candidates lead, and the other take over when the leader stops', async () => {
    const { port, lease } = leaseStore();
    const a = new LeaderElector(port, { namespace: 'sy', name: 'op', identity: 'a', ...timing });
    const b = new LeaderElector(port, { namespace: 'sy', name: 'op', identity: 'b', ...timing });
    a.start();
    await wait(50);
    b.start();
    await wait(150);
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    await a.stop();
    await wait(150);
    expect([a.isLeader, b.isLeader]).toEqual([false, true]);
    expect(lease()).toMatchObject({ holder: 'b', transitions: 1 });
    await b.stop();
  });

  it('takes over from a holder that stopped renewing once the lease duration has passed', async () => {
    const { port } = leaseStore();
    await port.writeLease('sy', 'op', { holder: 'gone', leaseDurationSeconds: 1, renewTime: Date.now(), acquireTime: Date.now(), transitions: 0 });
    const b = new LeaderElector(port, { namespace: 'sy', name: 'op', identity: 'b', ...timing });
    b.start();
    await wait(500);
    expect(b.isLeader).toBe(false);
    await wait(800);
    expect(b.isLeader).toBe(true);
    await b.stop();
  });
});
