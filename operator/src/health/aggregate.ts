// One endpoint's health across the sidecars that use it. Each connected sidecar reports what its
// own passive health and canary see; the worst state wins (Broken over Ejected over Healthy),
// because a provider failing for some pods is an incident even while others still get through,
// and the message says how many sidecars see it that way. Disconnected sidecars do not count;
// an endpoint no connected sidecar reports is Unknown.

import type { EndpointHealthReport, EndpointHealthState } from '@switchyard/contract';
import type { SidecarState } from '../channel/hub.js';

export type AggregateHealth = EndpointHealthState | 'Unknown';

export interface EndpointVerdict {
  readonly health: AggregateHealth;
  /** False when any reporting sidecar's canary failed; absent when none has a canary verdict. */
  readonly canaryReady?: boolean;
  readonly message: string;
}

const SEVERITY: Readonly<Record<EndpointHealthState, number>> = { Healthy: 0, Ejected: 1, Broken: 2 };

/** The reports of one endpoint id from the sidecars that are connected now. */
export function reportsFor(endpointId: string, sidecars: readonly SidecarState[]): EndpointHealthReport[] {
  return sidecars.flatMap((sidecar) => (sidecar.connected ? sidecar.health ?? [] : []).filter((report) => report.id === endpointId));
}

/**
 * @example aggregateEndpoint([{ id: 'p/a', health: 'Healthy', … }, { id: 'p/a', health: 'Ejected', reason: 'failures', … }])
 *   // { health: 'Ejected', message: 'Ejected by 1 of 2 sidecars (failures)' }
 */
export function aggregateEndpoint(reports: readonly EndpointHealthReport[]): EndpointVerdict {
  if (reports.length === 0) return { health: 'Unknown', message: 'No connected sidecar reports this endpoint yet.' };
  const worst = reports.reduce((a, b) => (SEVERITY[b.health] > SEVERITY[a.health] ? b : a));
  const canaries = reports.flatMap((report) => (report.canaryReady === null ? [] : [report.canaryReady]));
  const canary = canaries.length === 0 ? {} : { canaryReady: canaries.every(Boolean) };
  return { health: worst.health, ...canary, message: messageOf(worst, reports) };
}

function messageOf(worst: EndpointHealthReport, reports: readonly EndpointHealthReport[]): string {
  const total = reports.length;
  const noun = total === 1 ? 'sidecar' : 'sidecars';
  if (worst.health === 'Healthy') return `Healthy on ${total} ${noun}.`;
  const alike = reports.filter((report) => report.health === worst.health);
  const reasons = [...new Set(alike.flatMap((report) => (report.reason === null ? [] : [report.reason])))].sort();
  return `${worst.health} by ${alike.length} of ${total} ${noun}${reasons.length === 0 ? '' : ` (${reasons.join(', ')})`}.`;
}
