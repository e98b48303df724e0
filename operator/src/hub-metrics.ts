// Operator metrics read off the hub at scrape time: sidecars by config sync state (the
// dashboard's "config sync" row) and endpoint health as the connected sidecars report it (worst
// state across sidecars, as in ProviderPool status). Label sets are bounded by the cluster's
// pods and ProviderPool endpoints.

import type { EndpointHealthReport } from '@switchyard/contract';
import { Counter, Gauge, type Registry } from 'prom-client';
import { reportSidecars, type SyncState } from './channel/report.js';
import type { SidecarHub } from './channel/hub.js';
import { aggregateEndpoint } from './health/aggregate.js';

const SYNC_STATES: readonly SyncState[] = ['SYNCED', 'STALE', 'NACK', 'DISCONNECTED', 'UNKNOWN'];

export interface HubMetrics {
  /** Count one health frame received. */
  readonly healthReports: Counter;
}

export function registerHubMetrics(registry: Registry, hub: SidecarHub): HubMetrics {
  new Gauge({
    name: 'switchyard_operator_sidecars',
    help: 'Sidecars known to the operator (this replica and those other replicas report), by config sync state.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const counts = new Map<SyncState, number>(SYNC_STATES.map((state) => [state, 0]));
      for (const sidecar of reportSidecars(hub)) counts.set(sidecar.state, (counts.get(sidecar.state) ?? 0) + 1);
      for (const [state, count] of counts) this.set({ state }, count);
    },
  });
  new Gauge({
    name: 'switchyard_operator_endpoint_health',
    help: '1 for each ProviderPool endpoint\'s health as connected sidecars report it (worst state wins), by namespace, endpoint (pool/name) and health.',
    labelNames: ['namespace', 'endpoint', 'health'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [key, reports] of reportsByEndpoint(hub)) {
        const [namespace = '', endpoint = ''] = key.split('\u0000');
        this.set({ namespace, endpoint, health: aggregateEndpoint(reports).health }, 1);
      }
    },
  });
  return {
    healthReports: new Counter({ name: 'switchyard_operator_health_reports_total', help: 'Endpoint health frames received from sidecars.', registers: [registry] }),
  };
}

function reportsByEndpoint(hub: SidecarHub): Map<string, EndpointHealthReport[]> {
  const grouped = new Map<string, EndpointHealthReport[]>();
  for (const sidecar of hub.states()) {
    if (!sidecar.connected) continue;
    for (const report of sidecar.health ?? []) {
      const key = `${sidecar.namespace}\u0000${report.id}`;
      grouped.set(key, [...(grouped.get(key) ?? []), report]);
    }
  }
  return grouped;
}
