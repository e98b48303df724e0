// Passive health of one endpoint, learnt from real traffic (Envoy outlier detection): after
// `consecutiveFailures` failures in a row the endpoint is ejected for base × (ejections so far),
// capped at max; when the cooldown ends one probe request is let through (half-open), and its
// outcome either restores the endpoint or ejects it again for longer. Quota and auth failures
// eject at once for a long time; a 429 with Retry-After cools the endpoint for exactly that long.
// "Never eject the last eligible candidate" is per request, so it lives in eligibility.ts (panic
// admissions), not here.

import type { Clock } from './clock.js';
import type { HealthSignal } from './outcome.js';

export interface HealthPolicy {
  readonly consecutiveFailures: number;
  readonly baseEjectionMs: number;
  readonly maxEjectionMs: number;
  /** Out of credits rarely fixes itself within minutes (OpenAI insufficient_quota, 402). */
  readonly quotaCooldownMs: number;
  /** A probe not reported back within this time (a lost request) frees the probe slot. */
  readonly probeLeaseMs: number;
}

export type EjectionReason = 'failures' | 'rate_limited' | 'quota' | 'auth';

export type HealthState = 'open' | 'ejected' | 'half_open';

/**
 * How a request was let in. A `probe` is the one request allowed after a cooldown; a `panic`
 * admission is an ejected endpoint used because the request had no other candidate.
 */
export type Admission = 'normal' | 'probe' | 'panic';

export interface HealthSnapshot {
  readonly state: HealthState;
  readonly reason: EjectionReason | null;
  readonly ejectedUntil: number;
  readonly consecutiveFailures: number;
  readonly ejections: number;
  readonly probeInFlight: boolean;
}

export type HealthChange =
  | { readonly kind: 'ejected'; readonly reason: EjectionReason; readonly cooldownMs: number }
  | { readonly kind: 'restored' };

export class EndpointHealth {
  private consecutiveFailures = 0;
  private ejections = 0;
  private ejectedUntil = 0;
  private reason: EjectionReason | null = null;
  private openSince: number;
  private probeStartedAt: number | null = null;

  constructor(private policy: HealthPolicy, private readonly clock: Clock) {
    this.openSince = clock.now();
  }

  setPolicy(policy: HealthPolicy): void {
    this.policy = policy;
  }

  snapshot(): HealthSnapshot {
    return {
      state: this.state(),
      reason: this.reason,
      ejectedUntil: this.ejectedUntil,
      consecutiveFailures: this.consecutiveFailures,
      ejections: this.ejections,
      probeInFlight: this.probeInFlight(),
    };
  }

  /** Takes requests without a probe or panic, and its last outcome was a success. */
  inGoodStanding(): boolean {
    return this.state() === 'open' && this.consecutiveFailures === 0;
  }

  /** Whether a request could be let in now, without claiming the probe slot. */
  admits(): boolean {
    const state = this.state();
    return state === 'open' || (state === 'half_open' && !this.probeInFlight());
  }

  /** Lets a request in, claiming the probe slot when half-open; null when it must stay out. */
  admit(panic = false): Admission | null {
    const state = this.state();
    if (state === 'open') return 'normal';
    if (state === 'half_open' && !this.probeInFlight()) {
      this.probeStartedAt = this.clock.now();
      return 'probe';
    }
    return panic ? 'panic' : null;
  }

  /** Reports how an admitted request ended. */
  record(admission: Admission, signal: HealthSignal, retryAfterMs?: number): HealthChange | null {
    if (admission === 'probe') this.probeStartedAt = null;
    if (signal === 'quota') return this.eject('quota', this.policy.quotaCooldownMs, false);
    if (signal === 'auth') return this.eject('auth', this.policy.maxEjectionMs, false);
    // A result of a request sent before the ejection says nothing about the endpoint now.
    if (admission === 'normal' && this.state() !== 'open') return null;
    if (signal === 'success') return this.restore();
    if (signal === 'rate_limited' && retryAfterMs !== undefined) return this.coolDown(retryAfterMs);
    if (signal === 'failure' || signal === 'rate_limited') return this.fail(admission);
    return null;
  }

  private state(): HealthState {
    if (this.reason === null) return 'open';
    return this.clock.now() < this.ejectedUntil ? 'ejected' : 'half_open';
  }

  private probeInFlight(): boolean {
    return this.probeStartedAt !== null && this.clock.now() - this.probeStartedAt < this.policy.probeLeaseMs;
  }

  private fail(admission: Admission): HealthChange | null {
    if (admission === 'panic') return null;
    this.consecutiveFailures += 1;
    if (admission === 'normal' && this.consecutiveFailures < this.policy.consecutiveFailures) return null;
    const { baseEjectionMs, maxEjectionMs } = this.policy;
    return this.eject('failures', Math.min(maxEjectionMs, baseEjectionMs * (this.ejectionsSoFar() + 1)), true);
  }

  private coolDown(retryAfterMs: number): HealthChange {
    const cap = Math.max(this.policy.maxEjectionMs, this.policy.quotaCooldownMs);
    return this.eject('rate_limited', Math.min(retryAfterMs, cap), false);
  }

  private eject(reason: EjectionReason, cooldownMs: number, counts: boolean): HealthChange {
    if (counts) this.ejections = this.ejectionsSoFar() + 1;
    const until = this.clock.now() + cooldownMs;
    // A stale or repeated report never shortens a longer cooldown already running.
    if (this.state() !== 'ejected' || until > this.ejectedUntil) {
      this.ejectedUntil = until;
      this.reason = reason;
    }
    this.probeStartedAt = null;
    return { kind: 'ejected', reason: this.reason ?? reason, cooldownMs: this.ejectedUntil - this.clock.now() };
  }

  private restore(): HealthChange | null {
    this.consecutiveFailures = 0;
    if (this.reason === null) return null;
    this.reason = null;
    this.ejectedUntil = 0;
    this.probeStartedAt = null;
    this.openSince = this.clock.now();
    return { kind: 'restored' };
  }

  /** An endpoint that stayed in for a full max cooldown starts again from the base. */
  private ejectionsSoFar(): number {
    const open = this.reason === null;
    return open && this.clock.now() - this.openSince >= this.policy.maxEjectionMs ? 0 : this.ejections;
  }
}
