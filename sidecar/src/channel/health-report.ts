// What this sidecar tells the operator about its endpoints (the `health` frame): passive health
// (resilience/health.ts) and canary verdicts, folded into Healthy / Ejected / Broken. Broken
// means waiting will not fix it: credentials refused or missing, quota gone, canary failing.
// Listeners hear about every change; the channel client throttles what it sends.

import type { EndpointHealthReport } from '@switchyard/contract';
import type { Runtime } from '../config/runtime.js';
import type { ChannelPublisher } from './client.js';
import type { CanaryVerdict, EjectionReason, HealthChange, ResilienceEvents } from '../resilience/index.js';
import { NO_EVENTS } from '../resilience/index.js';

const BROKEN_REASONS: ReadonlySet<EjectionReason> = new Set(['auth', 'quota']);

export class EndpointHealthBoard {
  private readonly ejected = new Map<string, EjectionReason>();
  private readonly canary = new Map<string, boolean>();
  private readonly listeners = new Set<() => void>();

  /** The resilience hooks that feed the board. */
  readonly events: ResilienceEvents = {
    ...NO_EVENTS,
    health: (endpointId, change) => this.onHealth(endpointId, change),
    canary: (verdict) => this.onCanary(verdict),
  };

  /** Every endpoint of the runtime's config, sorted by id; empty without a config. */
  reports(runtime: Runtime | null): EndpointHealthReport[] {
    if (runtime === null) return [];
    const missing = endpointsMissingCredentials(runtime);
    return runtime.config.endpoints.map((endpoint) => this.reportOf(endpoint.id, missing.has(endpoint.id)));
  }

  /** @returns a function that stops listening. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private reportOf(id: string, credentialsMissing: boolean): EndpointHealthReport {
    const canaryReady = this.canary.get(id) ?? null;
    const ejection = this.ejected.get(id);
    const base = { id, canaryReady };
    if (credentialsMissing) return { ...base, health: 'Broken', reason: 'credentials_missing' };
    if (ejection !== undefined) return { ...base, health: BROKEN_REASONS.has(ejection) ? 'Broken' : 'Ejected', reason: ejection };
    if (canaryReady === false) return { ...base, health: 'Broken', reason: 'canary_failed' };
    return { ...base, health: 'Healthy', reason: null };
  }

  private onHealth(endpointId: string, change: HealthChange): void {
    const before = this.ejected.get(endpointId);
    if (change.kind === 'ejected') this.ejected.set(endpointId, change.reason);
    else this.ejected.delete(endpointId);
    if (before !== this.ejected.get(endpointId)) this.notify();
  }

  private onCanary(verdict: CanaryVerdict): void {
    const before = this.canary.get(verdict.endpointId);
    this.canary.set(verdict.endpointId, verdict.ready);
    if (before !== verdict.ready) this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function endpointsMissingCredentials(runtime: Runtime): Set<string> {
  const missing = new Set<string>();
  for (const routes of runtime.aliases.values()) {
    for (const route of routes) {
      for (const target of route.targets.values()) {
        for (const backend of target.backends) if (backend.endpoint.credentialMissing) missing.add(backend.endpoint.id);
      }
    }
  }
  return missing;
}

/** How often a stream re-checks the list without a change event (a new config changes the endpoints). */
const RECHECK_MS = 2_000;

/**
 * The channel publisher of `health` frames: the whole list when a stream opens, then after each
 * change at most once per `throttleMs`, and whatever a config swap changed within RECHECK_MS;
 * never the same list twice on one stream.
 *
 * @example startChannelClient({ …, publishers: [healthPublisher(sidecar.endpointHealth, () => sidecar.holder.current)] })
 */
export function healthPublisher(board: EndpointHealthBoard, current: () => Runtime | null, throttleMs = 1_000): ChannelPublisher {
  return {
    attach: (send) => {
      let last = '';
      let timer: NodeJS.Timeout | undefined;
      const sendNow = (): void => {
        clearTimeout(timer);
        timer = undefined;
        const runtime = current();
        if (runtime === null) return;
        const endpoints = board.reports(runtime);
        const text = JSON.stringify(endpoints);
        if (text === last) return;
        last = text;
        send({ type: 'health', endpoints });
      };
      const unsubscribe = board.onChange(() => {
        if (timer !== undefined) return;
        timer = setTimeout(sendNow, throttleMs);
        timer.unref();
      });
      const recheck = setInterval(sendNow, RECHECK_MS);
      recheck.unref();
      sendNow();
      return () => {
        clearTimeout(timer);
        clearInterval(recheck);
        unsubscribe();
      };
    },
  };
}
