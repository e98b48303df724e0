// How many of a route's sidecars run its current form, and which refused it.
import type { SidecarState, Snapshot } from '../channel/hub.js';
import type { ConfigHistory } from './config-history.js';
import type { RouteSync, SidecarRejection } from './route-status.js';

export interface NamespacePublication {
  readonly namespace: string;
  /** Workload key → snapshot. */
  readonly snapshots: ReadonlyMap<string, Snapshot>;
  /** Pod name → workload key. */
  readonly pods: ReadonlyMap<string, string>;
}

export function routeSyncOf(
  route: string,
  publication: NamespacePublication,
  states: ReadonlyMap<string, SidecarState>,
  history: ConfigHistory,
  carried: boolean,
): RouteSync {
  let configVersion: string | null = null;
  let synced = 0;
  let total = 0;
  const rejections: SidecarRejection[] = [];
  for (const [pod, workload] of publication.pods) {
    const snapshot = publication.snapshots.get(workload);
    const current = snapshot === undefined ? undefined : history.routeHash(snapshot.version, route);
    if (snapshot === undefined || current === undefined) continue;
    configVersion ??= current;
    total += 1;
    const state = states.get(pod);
    if (state === undefined) continue;
    if (history.routeHash(state.version, route) === current) synced += 1;
    const nack = state.lastNack;
    if (nack !== null && nack.version === snapshot.version) {
      rejections.push({ pod: `${publication.namespace}/${pod}`, reason: nack.reason, message: nack.message });
    }
  }
  return { configVersion, synced, total, rejections, carried };
}
