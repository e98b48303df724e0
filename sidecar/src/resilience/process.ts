// Resilience for one sidecar process: the state that outlives config swaps (health, latency,
// retry budgets), the canary schedule, and the clock, timers and randomness every request uses.
// Tests inject a manual clock, a seeded source and metrics hooks here.

import type { SidecarConfig } from '@switchyard/contract';
import { CanaryScheduler, type CanarySpec, type SendProbe } from './canary.js';
import { systemClock, systemTimers, type Clock, type Timers } from './clock.js';
import { NO_EVENTS, type ResilienceEvents } from './events.js';
import { systemRandom, type Random } from './random.js';
import { ResilienceState } from './state.js';

export interface ResilienceOptions {
  readonly clock?: Clock;
  readonly timers?: Timers;
  readonly random?: Random;
  readonly events?: ResilienceEvents;
  /** Sends one canary probe; without it no canaries run. */
  readonly probe?: SendProbe;
  readonly canaryTimeoutMs?: number;
}

const CANARY_TIMEOUT_MS = 30_000;

export class Resilience {
  readonly state: ResilienceState;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly random: Random;
  readonly events: ResilienceEvents;
  private readonly canary: CanaryScheduler | null;

  constructor(options: ResilienceOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? systemRandom;
    this.events = options.events ?? NO_EVENTS;
    this.state = new ResilienceState({ clock: this.clock, events: this.events });
    const { probe } = options;
    this.canary = probe === undefined ? null : new CanaryScheduler({
      clock: this.clock,
      timers: this.timers,
      send: probe,
      // Probes are for healthy periods: never add load to an endpoint that is struggling.
      quiet: (id) => this.state.health(id).admits(),
      timeoutMs: options.canaryTimeoutMs ?? CANARY_TIMEOUT_MS,
      onVerdict: (verdict) => this.events.canary(verdict),
    });
  }

  /** A new config: keep what was learnt about what remains, probe the endpoints with a canary. */
  apply(config: SidecarConfig): void {
    this.state.apply(config);
    this.canary?.configure(canarySpecsOf(config));
  }

  /** The canary's verdict for an endpoint; undefined when it has no canary (or no verdict yet). */
  canaryReady(endpointId: string): boolean | undefined {
    return this.canary?.verdict(endpointId)?.ready;
  }

  close(): void {
    this.canary?.stop();
  }
}

function canarySpecsOf(config: SidecarConfig): CanarySpec[] {
  return config.endpoints.flatMap((endpoint) => endpoint.canary === null ? [] : [{
    endpointId: endpoint.id,
    intervalMs: endpoint.canary.intervalMs,
    expectContains: endpoint.canary.expectContains,
  }]);
}
