// Sidecars' experiment figures on their way to status: into the hub from the channel, and
// between replicas through the report ConfigMap.
import { describe, expect, it } from '@jest/globals';
import { EXPERIMENT_LATENCY_BOUNDS_MS, type VariantStats } from '@switchyard/contract';
import { SidecarHub, type Connection } from '../channel/hub.js';
import { decodeReport, encodeReport } from '../channel/replica-report.js';

const connection = (pod: string): Connection => ({ id: 1, namespace: 'team-a', pod, connectedAt: new Date(0), send: () => {}, close: () => {} });

const figures = (requests: number): VariantStats[] => [{
  route: 'chat', experiment: 'ab', variant: 'control', requests, errors: 0,
  latencyBuckets: new Array<number>(EXPERIMENT_LATENCY_BOUNDS_MS.length + 1).fill(0), costMicroUsd: 0, costed: 0, qualityMicros: 0, scored: 0,
}];

describe('experiment figures', () => {
  it('replace the pod\'s previous ones (cumulative, so a resent frame changes nothing) and ask for status on their own schedule', () => {
    const changes: string[] = [];
    const reports: string[] = [];
    const hub = new SidecarHub({ onSidecarChange: (ns) => changes.push(ns), onUnknownPod: () => {}, onExperiments: (ns) => reports.push(ns) });
    const web = connection('web-0');
    hub.attach(web);
    changes.length = 0;
    hub.receive(web, { type: 'experiments', stats: figures(3) });
    hub.receive(web, { type: 'experiments', stats: figures(5) });
    hub.receive(web, { type: 'experiments', stats: figures(5) });
    expect(hub.states('team-a')[0]?.experiments).toEqual(figures(5));
    expect(reports).toEqual(['team-a', 'team-a', 'team-a']);
    expect(changes).toEqual([]);
  });

  it('survive a reconnect of the same pod', () => {
    const hub = new SidecarHub({ onSidecarChange: () => {}, onUnknownPod: () => {} });
    const first = connection('web-0');
    hub.attach(first);
    hub.receive(first, { type: 'experiments', stats: figures(7) });
    hub.detach(first);
    hub.attach(connection('web-0'));
    expect(hub.states('team-a')[0]?.experiments).toEqual(figures(7));
  });

  it('travel to the leader in the replica report, and malformed ones are dropped there', () => {
    const state = { namespace: 'team-a', pod: 'web-0', connected: true, connectedAt: new Date(5), version: 'v1', revision: 3, lastNack: null };
    expect(decodeReport(encodeReport([{ ...state, experiments: figures(9) }]))[0]?.experiments).toEqual(figures(9));
    const tampered = JSON.stringify([{ ...state, connectedAt: state.connectedAt.toISOString(), experiments: [{ route: 'chat', requests: -1 }] }]);
    expect(decodeReport(tampered)[0]).not.toHaveProperty('experiments');
  });
});
