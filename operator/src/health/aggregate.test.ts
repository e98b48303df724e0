import { describe, expect, it } from '@jest/globals';
import type { EndpointHealthReport, ProviderPool } from '@switchyard/contract';
import type { SidecarState } from '../channel/hub.js';
import { decodeReport, encodeReport } from '../channel/replica-report.js';
import { aggregateEndpoint } from './aggregate.js';
import { poolHealthFields } from './pool-status.js';

const report = (health: EndpointHealthReport['health'], reason: string | null = null, canaryReady: boolean | null = null): EndpointHealthReport =>
  ({ id: 'pool/a', health, reason, canaryReady });

function sidecar(pod: string, connected: boolean, health: EndpointHealthReport[]): SidecarState {
  return { namespace: 'ns', pod, connected, connectedAt: new Date(0), version: null, revision: null, lastNack: null, health };
}

describe('one endpoint across sidecars: the worst state wins', () => {
  it.each([
    ['no reports', [], { health: 'Unknown', message: 'No connected sidecar reports this endpoint yet.' }],
    ['all healthy', [report('Healthy'), report('Healthy')], { health: 'Healthy', message: 'Healthy on 2 sidecars.' }],
    ['one ejected', [report('Healthy'), report('Ejected', 'failures'), report('Healthy')], { health: 'Ejected', message: 'Ejected by 1 of 3 sidecars (failures).' }],
    ['broken beats ejected', [report('Ejected', 'rate_limited'), report('Broken', 'auth'), report('Broken', 'credentials_missing')],
      { health: 'Broken', message: 'Broken by 2 of 3 sidecars (auth, credentials_missing).' }],
    ['a failed canary anywhere', [report('Healthy', null, true), report('Broken', 'canary_failed', false)], { health: 'Broken', canaryReady: false }],
    ['canaries that all passed', [report('Healthy', null, true), report('Healthy', null, null)], { health: 'Healthy', canaryReady: true }],
  ] as const)('%s', (_name, reports, expected) => {
    expect(aggregateEndpoint(reports)).toMatchObject(expected);
  });
});

describe('the pool status fields', () => {
  const pool = {
    apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'pool', namespace: 'ns' },
    spec: { endpoints: [{ name: 'a' }, { name: 'b' }] },
    status: { endpoints: [{ name: 'a', health: 'Unknown', quotaRemaining: '3.5', canaryReady: true }, { name: 'gone', health: 'Healthy' }] },
  } as unknown as ProviderPool;

  it('counts only connected sidecars, keeps fields others own and drops endpoints no longer in the spec', () => {
    const fields = poolHealthFields(pool, [sidecar('p1', true, [report('Ejected', 'failures')]), sidecar('p2', false, [report('Broken', 'auth')])]);
    expect(fields).toEqual({
      health: '0/2 healthy',
      endpoints: [
        { name: 'a', health: 'Ejected', quotaRemaining: '3.5', message: 'Ejected by 1 of 1 sidecar (failures).' },
        { name: 'b', health: 'Unknown', message: 'No connected sidecar reports this endpoint yet.' },
      ],
    });
  });
});

describe('health shared between operator replicas', () => {
  it('survives the replica report round trip, and a report without health stays without', () => {
    const states = [sidecar('p1', true, [report('Ejected', 'failures', false)]), { ...sidecar('p2', true, []), health: undefined }];
    const decoded = decodeReport(encodeReport(states));
    expect(decoded[0]?.health).toEqual([report('Ejected', 'failures', false)]);
    expect(decoded[1]).not.toHaveProperty('health');
  });
});
