// Model-based test of passive health (R13): random command sequences drive three endpoints on
// simulated time, with results reported late and out of order (requests overlap), and every
// admission, snapshot and failover pick is compared with a plain model written from the rules.

import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import type { CapabilitiesConfig } from '@switchyard/contract';
import { ManualClock } from '../../../test/sidecar/resilience/manual-clock.js';
import { selectEligible, type EligibilityContext } from './eligibility.js';
import { EndpointHealth, type Admission, type EjectionReason, type HealthPolicy } from './health.js';
import type { HealthSignal } from './outcome.js';

const policy: HealthPolicy = { consecutiveFailures: 3, baseEjectionMs: 10_000, maxEjectionMs: 45_000, quotaCooldownMs: 60_000, probeLeaseMs: 20_000 };
const ENDPOINTS = ['a', 'b', 'c'] as const;

/** The rules, one endpoint, written out plainly. */
class ModelEndpoint {
  failuresInRow = 0;
  ejections = 0;
  out: { until: number; reason: EjectionReason } | null = null;
  backSince: number;
  probeSince: number | null = null;

  constructor(now: number) {
    this.backSince = now;
  }

  probeBusy(now: number): boolean {
    return this.probeSince !== null && now - this.probeSince < policy.probeLeaseMs;
  }

  admits(now: number): boolean {
    return this.out === null || (now >= this.out.until && !this.probeBusy(now));
  }

  admit(now: number, panic: boolean): Admission | null {
    if (this.out === null) return 'normal';
    if (now >= this.out.until && !this.probeBusy(now)) {
      this.probeSince = now;
      return 'probe';
    }
    return panic ? 'panic' : null;
  }

  record(now: number, ticket: Admission, signal: HealthSignal, retryAfterMs: number | undefined): void {
    if (ticket === 'probe') this.probeSince = null;
    if (signal === 'quota') return this.putOut(now, now + policy.quotaCooldownMs, 'quota');
    if (signal === 'auth') return this.putOut(now, now + policy.maxEjectionMs, 'auth');
    if (ticket === 'normal' && this.out !== null) return;
    if (signal === 'success') {
      this.failuresInRow = 0;
      if (this.out !== null) {
        this.out = null;
        this.probeSince = null;
        this.backSince = now;
      }
      return;
    }
    if (signal === 'rate_limited' && retryAfterMs !== undefined) {
      return this.putOut(now, now + Math.min(retryAfterMs, Math.max(policy.maxEjectionMs, policy.quotaCooldownMs)), 'rate_limited');
    }
    if (signal === 'neutral' || ticket === 'panic') return;
    this.failuresInRow += 1;
    if (ticket === 'normal' && this.failuresInRow < policy.consecutiveFailures) return;
    const decayed = this.out === null && now - this.backSince >= policy.maxEjectionMs;
    this.ejections = (decayed ? 0 : this.ejections) + 1;
    this.putOut(now, now + Math.min(policy.maxEjectionMs, policy.baseEjectionMs * this.ejections), 'failures');
  }

  private putOut(now: number, until: number, reason: EjectionReason): void {
    const ejectedNow = this.out !== null && now < this.out.until;
    if (!ejectedNow || until > (this.out?.until ?? 0)) this.out = { until, reason };
    this.probeSince = null;
  }
}

interface Held {
  readonly endpoint: number;
  readonly ticket: Admission;
}

interface Model {
  now: number;
  readonly endpoints: ModelEndpoint[];
  readonly held: Held[];
}

interface Real {
  readonly clock: ManualClock;
  readonly endpoints: EndpointHealth[];
}

type HealthCommand = fc.Command<Model, Real>;

const signals = fc.oneof(
  { weight: 6, arbitrary: fc.constant<HealthSignal>('failure') },
  { weight: 3, arbitrary: fc.constant<HealthSignal>('success') },
  { weight: 1, arbitrary: fc.constantFrom<HealthSignal>('rate_limited', 'quota', 'auth', 'neutral') },
);
const retryAfters = fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: undefined });

function compare(model: Model, real: Real): void {
  for (const [index, endpoint] of real.endpoints.entries()) {
    const expected = model.endpoints[index]!;
    const snapshot = endpoint.snapshot();
    const ejected = expected.out !== null && model.now < expected.out.until;
    assert.equal(snapshot.state, expected.out === null ? 'open' : ejected ? 'ejected' : 'half_open');
    assert.equal(snapshot.reason, expected.out?.reason ?? null);
    if (expected.out !== null) assert.equal(snapshot.ejectedUntil, expected.out.until);
    assert.equal(snapshot.consecutiveFailures, expected.failuresInRow);
    assert.equal(snapshot.ejections, expected.ejections);
    assert.equal(endpoint.admits(), expected.admits(model.now));
    // Invariants that hold whatever the model says.
    if (ejected) assert.equal(endpoint.admits(), false);
    assert.ok(snapshot.ejectedUntil - model.now <= Math.max(policy.maxEjectionMs, policy.quotaCooldownMs));
  }
}

class Advance implements HealthCommand {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    model.now += this.ms;
    real.clock.advance(this.ms);
    compare(model, real);
  }
  toString = (): string => `advance(${this.ms})`;
}

/** Jumps to the end of an endpoint's cooldown, where the probe and growth rules act. */
class AdvanceToReturn implements HealthCommand {
  constructor(readonly endpoint: number) {}
  check = (model: Readonly<Model>): boolean => {
    const out = model.endpoints[this.endpoint]!.out;
    return out !== null && out.until > model.now;
  };
  run(model: Model, real: Real): void {
    const ms = model.endpoints[this.endpoint]!.out!.until - model.now;
    model.now += ms;
    real.clock.advance(ms);
    compare(model, real);
  }
  toString = (): string => `advanceToReturn(${ENDPOINTS[this.endpoint]})`;
}

class Send implements HealthCommand {
  constructor(readonly endpoint: number, readonly panic: boolean, readonly hold: boolean, readonly signal: HealthSignal, readonly retryAfterMs: number | undefined) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const expected = model.endpoints[this.endpoint]!.admit(model.now, this.panic);
    const ticket = real.endpoints[this.endpoint]!.admit(this.panic);
    assert.equal(ticket, expected);
    if (ticket !== null && this.hold) model.held.push({ endpoint: this.endpoint, ticket });
    if (ticket !== null && !this.hold) {
      model.endpoints[this.endpoint]!.record(model.now, ticket, this.signal, this.retryAfterMs);
      real.endpoints[this.endpoint]!.record(ticket, this.signal, this.retryAfterMs);
    }
    compare(model, real);
  }
  toString = (): string => `send(${ENDPOINTS[this.endpoint]}, panic=${this.panic}, hold=${this.hold}, ${this.signal}, ${this.retryAfterMs})`;
}

class Answer implements HealthCommand {
  constructor(readonly pick: number, readonly signal: HealthSignal, readonly retryAfterMs: number | undefined) {}
  check = (model: Readonly<Model>): boolean => model.held.length > 0;
  run(model: Model, real: Real): void {
    const [held] = model.held.splice(this.pick % model.held.length, 1);
    if (held === undefined) return;
    model.endpoints[held.endpoint]!.record(model.now, held.ticket, this.signal, this.retryAfterMs);
    real.endpoints[held.endpoint]!.record(held.ticket, this.signal, this.retryAfterMs);
    compare(model, real);
  }
  toString = (): string => `answer(#${this.pick}, ${this.signal}, ${this.retryAfterMs})`;
}

const capabilities: CapabilitiesConfig = {
  contextWindowTokens: 128_000, maxOutputTokens: null, vision: false, tools: true, jsonSchema: true, embeddings: false, streaming: true,
};

/** A request whose data policy allows some endpoints: it always gets a candidate (panic if need be). */
class Pick implements HealthCommand {
  constructor(readonly allowed: readonly boolean[]) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const allowedIds = new Set(ENDPOINTS.filter((_, index) => this.allowed[index]));
    const ctx: EligibilityContext = {
      needs: { vision: false, tools: false, jsonSchema: false, streaming: false, embeddings: false },
      allowedEndpoints: allowedIds,
      tried: new Set(),
      contextWindowAbove: 0,
      remainingMs: 30_000,
      health: (id) => {
        const snapshot = real.endpoints[ENDPOINTS.indexOf(id as (typeof ENDPOINTS)[number])]!;
        return { admits: snapshot.admits(), ejectedUntil: snapshot.snapshot().ejectedUntil };
      },
      p95: () => undefined,
      canaryReady: () => undefined,
    };
    const eligible = selectEligible(ENDPOINTS.map((endpointId) => ({ endpointId, target: endpointId, capabilities })), ctx);
    const admittedInModel = ENDPOINTS.filter((id, index) => allowedIds.has(id) && model.endpoints[index]!.admits(model.now));
    const picked = eligible.candidates.map((candidate) => candidate.endpointId);
    if (allowedIds.size === 0) assert.deepEqual(picked, []);
    else if (admittedInModel.length > 0) assert.deepEqual(picked, admittedInModel);
    else assert.deepEqual(new Set(picked), allowedIds);
    assert.equal(eligible.panic, allowedIds.size > 0 && admittedInModel.length === 0);
  }
  toString = (): string => `pick(${this.allowed.map(Number).join('')})`;
}

const sends = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.boolean(), signals, retryAfters)
  .map(([endpoint, panic, hold, signal, retryAfter]) => new Send(endpoint, panic, hold, signal, retryAfter));

const commands = [
  fc.integer({ min: 0, max: 70_000 }).map((ms) => new Advance(ms)),
  fc.integer({ min: 0, max: 2 }).map((endpoint) => new AdvanceToReturn(endpoint)),
  sends,
  sends,
  fc.integer({ min: 1, max: 3_000 }).map((ms) => new Advance(ms)),
  fc.tuple(fc.nat(), signals, retryAfters).map(([pick, signal, retryAfter]) => new Answer(pick, signal, retryAfter)),
  fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }).map((allowed) => new Pick(allowed)),
];

describe('the ejection state machine against its model', () => {
  it('finds no divergence over 1,000 random command sequences', () => {
    fc.assert(fc.property(fc.commands(commands, { maxCommands: 150, size: 'max' }), (sequence) => {
      const clock = new ManualClock();
      const model: Model = { now: clock.now(), endpoints: ENDPOINTS.map(() => new ModelEndpoint(clock.now())), held: [] };
      const real: Real = { clock, endpoints: ENDPOINTS.map(() => new EndpointHealth(policy, clock)) };
      fc.modelRun(() => ({ model, real }), sequence);
    }), { numRuns: 1_000 });
  });
});
