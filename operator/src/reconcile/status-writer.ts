// Writes a resource's status when, and only when, the fields the operator owns differ: merge
// patch on the status subresource, conditions merged so lastTransitionTime survives, and an
// Event for every condition that changed status or reason (but not for routine syncing).
// The informer cache lags our own writes, so the writer remembers what it wrote and compares
// against whichever is newer.
import { isDeepStrictEqual } from 'node:util';
import type { Condition, SwitchyardResource } from '@switchyard/contract';
import type { KubePort } from '../kube/port.js';
import { mergeConditions, transitionsOf, type DesiredCondition } from './conditions.js';
import { SYNC_REASONS } from './route-status.js';

export interface DesiredStatus {
  readonly conditions: readonly DesiredCondition[];
  /** Other owned fields (configVersion, sidecars, synced), compared and written as they are. */
  readonly fields: Readonly<Record<string, unknown>>;
}

export type WriteOutcome = 'written' | 'unchanged';

const QUIET_REASONS = new Set<string>([SYNC_REASONS.Syncing, SYNC_REASONS.Synced]);

interface Written {
  readonly resourceVersion: number;
  readonly status: Readonly<Record<string, unknown>>;
}

/** A null field asks the merge patch to remove it, so it matches a field that is absent. */
function unchanged(current: unknown, desired: unknown): boolean {
  return desired === null ? current === undefined || current === null : isDeepStrictEqual(current, desired);
}

export class StatusWriter {
  private readonly written = new Map<string, Written>();

  constructor(private readonly port: KubePort) {}

  async write(resource: SwitchyardResource, desired: DesiredStatus, now: Date): Promise<WriteOutcome> {
    const current = this.currentStatus(resource);
    const previousConditions = current['conditions'] as Condition[] | undefined;
    const generation = resource.metadata.generation;
    const conditions = mergeConditions(previousConditions, desired.conditions, generation, now);
    const next: Record<string, unknown> = { ...desired.fields, conditions, ...(generation === undefined ? {} : { observedGeneration: generation }) };
    if (Object.entries(next).every(([key, value]) => unchanged(current[key], value))) return 'unchanged';
    const ref = { kind: resource.kind, namespace: resource.metadata.namespace ?? '', name: resource.metadata.name };
    const resourceVersion = await this.port.patchStatus(ref, next);
    const uid = resource.metadata.uid;
    if (uid === undefined) return 'written';
    this.written.set(uid, { resourceVersion: Number(resourceVersion) || 0, status: { ...current, ...next } });
    for (const transition of transitionsOf(previousConditions, conditions)) {
      if (QUIET_REASONS.has(transition.reason)) continue;
      await this.port.recordEvent({
        ref: { ...ref, uid },
        type: transition.status === 'True' ? 'Normal' : 'Warning',
        reason: transition.reason,
        message: `${transition.type}=${transition.status}: ${transition.message}`.slice(0, 1024),
      }).catch(() => undefined);
    }
    return 'written';
  }

  /** Drops memory of objects that are gone. */
  retain(uids: ReadonlySet<string>): void {
    for (const uid of [...this.written.keys()]) if (!uids.has(uid)) this.written.delete(uid);
  }

  private currentStatus(resource: SwitchyardResource): Readonly<Record<string, unknown>> {
    const cached = (resource.status ?? {}) as Readonly<Record<string, unknown>>;
    const uid = resource.metadata.uid;
    const mine = uid === undefined ? undefined : this.written.get(uid);
    const cachedVersion = Number(resource.metadata.resourceVersion) || 0;
    return mine !== undefined && mine.resourceVersion > cachedVersion ? mine.status : cached;
  }
}
