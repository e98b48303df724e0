import { describe, expect, it } from '@jest/globals';
import type { Informer, KubernetesObject } from '@kubernetes/client-node';
import { RestartingInformer } from './restart.js';

/** An informer that fails its first `failures` starts the way client-node's does: by emitting error. */
function flakyInformer(failures: number): { informer: Informer<KubernetesObject>; starts: () => number } {
  const handlers = new Map<string, ((arg?: unknown) => void)[]>();
  let starts = 0;
  const informer: Informer<KubernetesObject> = {
    on: (verb: string, cb: (arg?: unknown) => void) => handlers.set(verb, [...(handlers.get(verb) ?? []), cb]),
    off: () => {},
    start: async () => {
      starts += 1;
      if (starts <= failures) for (const cb of handlers.get('error') ?? []) cb(new Error('connection refused'));
    },
    stop: async () => {},
  } as Informer<KubernetesObject>;
  return { informer, starts: () => starts };
}

describe('RestartingInformer', () => {
  it('restarts an informer that stopped on an error, backing off, until it runs', async () => {
    const { informer, starts } = flakyInformer(3);
    const errors: unknown[] = [];
    const restarting = new RestartingInformer('ModelRoute', informer, { baseDelayMs: 10, maxDelayMs: 40, onError: (_name, error) => errors.push(error) });
    await restarting.start();
    expect(restarting.status).toMatchObject({ synced: false, lastError: 'connection refused' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(starts()).toBe(4);
    expect(errors).toHaveLength(3);
    expect(restarting.status).toMatchObject({ restarts: 3, synced: true, lastError: null });
    await restarting.stop();
  });
});
