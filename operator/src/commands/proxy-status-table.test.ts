import { describe, expect, it } from '@jest/globals';
import type { SidecarReport } from '../channel/report.js';
import { formatAge, renderTable } from './proxy-status-table.js';

const now = new Date('2026-11-28T12:00:00Z');

describe('renderTable', () => {
  it('prints the istioctl-style columns, with the nack reason in SYNCED', () => {
    const base: SidecarReport = {
      pod: 'web-0', namespace: 'team-a', workload: 'web', connected: true, connectedAt: '2026-11-28T11:55:00Z',
      version: 'sha256:aaaa', revision: 41, expectedVersion: 'sha256:aaaa', expectedRevision: 41, state: 'SYNCED', nack: null,
    };
    const table = renderTable([base, { ...base, pod: 'web-1', state: 'NACK', nack: { reason: 'Stale', message: '' } }], now);
    expect(table.split('\n')).toEqual([
      'POD     NAMESPACE   WORKLOAD   VERSION       REVISION   SYNCED         AGE',
      'web-0   team-a      web        sha256:aaaa   41         SYNCED         5m',
      'web-1   team-a      web        sha256:aaaa   41         NACK (Stale)   5m',
    ]);
  });

  it.each([
    ['seconds under two minutes', '2026-11-28T11:59:30Z', '30s'],
    ['hours under two days', '2026-11-28T07:00:00Z', '5h'],
    ['no connection time', null, '-'],
  ])('formats ages: %s', (_name, since, expected) => {
    expect(formatAge(since, now)).toBe(expected);
  });
});
