import { describe, expect, it } from '@jest/globals';
import type { SidecarConfig } from '@switchyard/contract';
import type { OperatorFrame } from './frames.js';
import { SidecarHub, type Connection, type Snapshot } from './hub.js';

function connection(pod: string): Connection & { frames: OperatorFrame[] } {
  const frames: OperatorFrame[] = [];
  return { id: 1, namespace: 'team-a', pod, connectedAt: new Date(0), frames, send: (frame) => frames.push(frame), close: () => {} };
}

const snapshot = (revision: number, version: string): Snapshot => ({
  revision, version, config: { version } as SidecarConfig, credentials: {}, compiledAt: 0,
});

describe('SidecarHub', () => {
  it('sends each connection its workload\'s snapshot once, and again only when it changes', () => {
    const unknown: string[] = [];
    const hub = new SidecarHub({ onSidecarChange: () => {}, onUnknownPod: (ns) => unknown.push(ns) });
    const web = connection('web-0');
    hub.attach(web);
    expect(unknown).toEqual(['team-a']);
    hub.publish('team-a', new Map([['team-a/w1', snapshot(10, 'v1')]]), new Map([['web-0', 'team-a/w1']]));
    hub.publish('team-a', new Map([['team-a/w1', hub.snapshotFor('team-a', 'web-0')!]]), new Map([['web-0', 'team-a/w1']]));
    hub.publish('team-a', new Map([['team-a/w1', snapshot(12, 'v2')]]), new Map([['web-0', 'team-a/w1']]));
    expect(web.frames.map((f) => (f.type === 'snapshot' ? f.revision : f.type))).toEqual([10, 12]);
  });

  it('records acks and nacks, and clears a nack once a later revision is acked', () => {
    const hub = new SidecarHub({ onSidecarChange: () => {}, onUnknownPod: () => {} });
    const web = connection('web-0');
    hub.publish('team-a', new Map([['team-a/w1', snapshot(10, 'v1')]]), new Map([['web-0', 'team-a/w1']]));
    hub.attach(web);
    hub.receive(web, { type: 'nack', revision: 10, version: 'v1', reason: 'BuildFailed', message: 'x' });
    expect(hub.states('team-a')[0]).toMatchObject({ version: null, lastNack: { reason: 'BuildFailed' } });
    hub.receive(web, { type: 'ack', revision: 11, version: 'v2' });
    expect(hub.states('team-a')[0]).toMatchObject({ version: 'v2', revision: 11, lastNack: null });
  });

  it('prefers a live connection here over another replica\'s report, and reports from others otherwise', () => {
    const hub = new SidecarHub({ onSidecarChange: () => {}, onUnknownPod: () => {} });
    const remote = { namespace: 'team-a', pod: 'web-1', connected: true, connectedAt: new Date(5), version: 'v1', revision: 10, lastNack: null };
    expect([...hub.setRemote([remote])]).toEqual(['team-a']);
    expect(hub.states('team-a').map((s) => s.pod)).toEqual(['web-1']);
    expect([...hub.setRemote([remote])]).toEqual([]);
  });
});
