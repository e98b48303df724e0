import { describe, expect, it } from '@jest/globals';
import type { SidecarState } from './hub.js';
import { decodeReport, encodeReport, remoteStates } from './replica-report.js';

const state: SidecarState = {
  namespace: 'team-a', pod: 'web-0', connected: true, connectedAt: new Date('2026-11-28T10:00:00Z'), version: 'sha256:1', revision: 7, lastNack: null,
};
const report = (identity: string, renewed: string) => ({
  annotations: { 'switchyard.dev/replica': identity, 'switchyard.dev/renewed': renewed },
  data: { 'sidecars.json': encodeReport([state]) },
});

describe('replica reports', () => {
  it('round-trip a sidecar table', () => {
    expect(decodeReport(encodeReport([state]))).toEqual([state]);
  });

  it.each([
    ['takes another replica\'s fresh report', 'replica-b', '2026-11-28T10:00:00Z', 1],
    ['ignores this replica\'s own report', 'replica-a', '2026-11-28T10:00:00Z', 0],
    ['ignores a report not renewed for longer than the stale limit', 'replica-b', '2026-11-28T09:00:00Z', 0],
  ])('%s', (_name, identity, renewed, count) => {
    const now = Date.parse('2026-11-28T10:00:30Z');
    expect(remoteStates([report(identity, renewed)], 'replica-a', now, 90_000)).toHaveLength(count);
  });

  it('reads garbage as an empty table', () => {
    expect(decodeReport('{not json')).toEqual([]);
  });
});
