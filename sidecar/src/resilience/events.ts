// What resilience tells the outside world, as one small interface the metrics module implements.
// Every hook receives the outcome class from the one classification, so dashboards, retries and
// ejections never disagree about what happened.

import type { GatewayErrorCode } from '../errors/index.js';
import type { CanaryVerdict } from './canary.js';
import type { FailWhy } from './decide.js';
import type { HealthChange } from './health.js';
import type { OutcomeKind } from './outcome.js';

export interface AttemptEvent {
  readonly route: string;
  readonly endpointId: string;
  /** 'ok' for a served attempt; otherwise the failure's class. */
  readonly kind: OutcomeKind | 'ok';
  readonly code: GatewayErrorCode | null;
}

export interface ResilienceEvents {
  attempt(event: AttemptEvent): void;
  retry(event: { readonly route: string; readonly endpointId: string; readonly kind: OutcomeKind; readonly delayMs: number }): void;
  failover(event: { readonly route: string; readonly from: string; readonly reason: OutcomeKind }): void;
  /** A request ended in an error after resilience gave up. */
  gaveUp(event: { readonly route: string; readonly why: FailWhy }): void;
  health(endpointId: string, change: HealthChange): void;
  canary(verdict: CanaryVerdict): void;
}

const ignore = (): void => undefined;

export const NO_EVENTS: ResilienceEvents = {
  attempt: ignore, retry: ignore, failover: ignore, gaveUp: ignore, health: ignore, canary: ignore,
};

/** One hooks object that tells each of `targets` in turn (metrics, the health report, a test's own). */
export function combineEvents(targets: readonly ResilienceEvents[]): ResilienceEvents {
  if (targets.length === 1 && targets[0] !== undefined) return targets[0];
  return {
    attempt: (event) => { for (const target of targets) target.attempt(event); },
    retry: (event) => { for (const target of targets) target.retry(event); },
    failover: (event) => { for (const target of targets) target.failover(event); },
    gaveUp: (event) => { for (const target of targets) target.gaveUp(event); },
    health: (endpointId, change) => { for (const target of targets) target.health(endpointId, change); },
    canary: (verdict) => { for (const target of targets) target.canary(verdict); },
  };
}
