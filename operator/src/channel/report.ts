// What proxy-status shows: every sidecar this replica knows, with what it runs against what it
// should run.
import type { SidecarHub } from './hub.js';

export type SyncState = 'SYNCED' | 'STALE' | 'NACK' | 'DISCONNECTED' | 'UNKNOWN';

export interface SidecarReport {
  readonly pod: string;
  readonly namespace: string;
  readonly workload: string | null;
  readonly connected: boolean;
  readonly connectedAt: string | null;
  readonly version: string | null;
  readonly revision: number | null;
  readonly expectedVersion: string | null;
  readonly expectedRevision: number | null;
  readonly state: SyncState;
  readonly nack: { readonly reason: string; readonly message: string } | null;
}

export function reportSidecars(hub: SidecarHub): SidecarReport[] {
  return hub.states().map((state) => {
    const expected = hub.snapshotFor(state.namespace, state.pod);
    const nacked = state.lastNack !== null && expected !== undefined && state.lastNack.version === expected.version;
    const synced = expected !== undefined && state.version === expected.version;
    const sync: SyncState = !state.connected ? 'DISCONNECTED' : nacked ? 'NACK' : expected === undefined ? 'UNKNOWN' : synced ? 'SYNCED' : 'STALE';
    return {
      pod: state.pod,
      namespace: state.namespace,
      workload: expected?.config.scope.workload ?? null,
      connected: state.connected,
      connectedAt: state.connectedAt?.toISOString() ?? null,
      version: state.version,
      revision: state.revision,
      expectedVersion: expected?.version ?? null,
      expectedRevision: expected?.revision ?? null,
      state: sync,
      nack: nacked && state.lastNack !== null ? { reason: state.lastNack.reason, message: state.lastNack.message } : null,
    };
  }).sort((a, b) => (a.namespace + '/' + a.pod < b.namespace + '/' + b.pod ? -1 : 1));
}
