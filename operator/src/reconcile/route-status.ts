// A ModelRoute's status: compile's verdict, refined by what its sidecars did with the config.
// Ready is True only once every selected sidecar runs the route's current config.
import type { ModelRouteStatus, ResourceCondition } from '@switchyard/contract';
import type { DesiredCondition } from './conditions.js';

export interface SidecarRejection {
  readonly pod: string;
  readonly reason: string;
  readonly message: string;
}

export interface RouteSync {
  /** Hash of the route's published form; null when no config carries it. */
  readonly configVersion: string | null;
  readonly synced: number;
  readonly total: number;
  readonly rejections: readonly SidecarRejection[];
  /** The route is invalid now and sidecars keep its last valid form. */
  readonly carried: boolean;
}

/** Reasons the operator adds to compile's (docs/adr/0005). */
export const SYNC_REASONS = {
  /** Every selected sidecar runs the route's current config. */
  Synced: 'Synced',
  /** Some selected sidecars do not run it yet. */
  Syncing: 'Syncing',
  /** A sidecar refused the config carrying the route; the message names pod, reason and message. */
  SidecarsRejected: 'SidecarsRejected',
} as const;

const MAX_MESSAGE = 1024;

function clip(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}

function readyOf(compiled: ResourceCondition, sync: RouteSync): DesiredCondition {
  if (compiled.status === 'False') {
    const kept = sync.carried && sync.configVersion !== null ? `; sidecars keep serving its last valid config (${sync.configVersion})` : '';
    return { ...compiled, message: clip(compiled.message + kept) };
  }
  if (sync.rejections.length > 0) {
    const detail = sync.rejections.map((r) => `${r.pod}: ${r.reason}: ${r.message}`).join('; ');
    return {
      type: 'Ready', status: 'False', reason: SYNC_REASONS.SidecarsRejected,
      message: clip(`${sync.rejections.length} of ${sync.total} sidecars rejected the config: ${detail}`),
    };
  }
  if (sync.total === 0) return { ...compiled };
  if (sync.synced < sync.total) {
    return { type: 'Ready', status: 'False', reason: SYNC_REASONS.Syncing, message: `${sync.synced}/${sync.total} sidecars run the current config` };
  }
  return { type: 'Ready', status: 'True', reason: SYNC_REASONS.Synced, message: `${sync.synced}/${sync.total} sidecars run the current config` };
}

export interface RouteStatusFields {
  readonly conditions: readonly DesiredCondition[];
  readonly configVersion?: string;
  readonly sidecars: { readonly synced: number; readonly total: number };
  readonly synced: string;
  /** Per-variant results (operator/src/experiments/); null removes them when the route has no experiments. */
  readonly experiments?: ModelRouteStatus['experiments'] | null;
}

export function routeStatusOf(
  compiled: readonly ResourceCondition[], sync: RouteSync, experiments?: ModelRouteStatus['experiments'] | null,
): RouteStatusFields {
  const conditions = compiled.map((condition) => (condition.type === 'Ready' ? readyOf(condition, sync) : { ...condition }));
  return {
    conditions,
    ...(sync.configVersion === null ? {} : { configVersion: sync.configVersion }),
    sidecars: { synced: sync.synced, total: sync.total },
    synced: `${sync.synced}/${sync.total}`,
    ...(experiments === undefined ? {} : { experiments }),
  };
}
