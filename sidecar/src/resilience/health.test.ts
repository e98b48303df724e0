import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../../test/sidecar/resilience/manual-clock.js';
import { EndpointHealth, type HealthPolicy } from './health.js';

const envoyLike: HealthPolicy = {
  consecutiveFailures: 5, baseEjectionMs: 30_000, maxEjectionMs: 300_000, quotaCooldownMs: 300_000, probeLeaseMs: 60_000,
};

function failTimes(health: EndpointHealth, times: number): void {
  for (let index = 0; index < times; index += 1) {
    const admission = health.admit();
    if (admission !== null) health.record(admission, 'failure');
  }
}

describe('endpoint health', () => {
  it('stays in through fewer consecutive failures than the threshold', () => {
    const health = new EndpointHealth(envoyLike, new ManualClock());
    failTimes(health, 4);
    expect(health.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 4 });
    expect(health.inGoodStanding()).toBe(false);
  });

  it('a success resets the count of consecutive failures', () => {
    const health = new EndpointHealth(envoyLike, new ManualClock());
    failTimes(health, 4);
    health.record('normal', 'success');
    failTimes(health, 4);
    expect(health.snapshot().state).toBe('open');
  });

  it('ejects after the threshold, lets one probe through after the cooldown, and restores on its success', () => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    failTimes(health, 5);
    expect(health.snapshot()).toMatchObject({ state: 'ejected', reason: 'failures', ejections: 1 });
    expect(health.admit()).toBeNull();
    clock.advance(29_999);
    expect(health.admit()).toBeNull();
    clock.advance(1);
    expect(health.admit()).toBe('probe');
    expect(health.admit()).toBeNull();
    expect(health.record('probe', 'success')).toEqual({ kind: 'restored' });
    expect(health.admit()).toBe('normal');
  });

  it('each failed probe ejects again for longer, up to the cap', () => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    failTimes(health, 5);
    const cooldowns: number[] = [];
    for (let round = 0; round < 12; round += 1) {
      clock.advance(health.snapshot().ejectedUntil - clock.now());
      const change = health.record(health.admit() ?? 'normal', 'failure');
      if (change?.kind === 'ejected') cooldowns.push(change.cooldownMs);
    }
    expect(cooldowns.slice(0, 4)).toEqual([60_000, 90_000, 120_000, 150_000]);
    expect(cooldowns.at(-1)).toBe(300_000);
  });

  it('an endpoint that stayed in for a full max cooldown starts again from the base', () => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    failTimes(health, 5);
    clock.advance(30_000);
    health.record(health.admit() ?? 'normal', 'failure');
    clock.advance(60_000);
    health.record(health.admit() ?? 'normal', 'success');
    clock.advance(300_000);
    failTimes(health, 5);
    expect(health.snapshot()).toMatchObject({ state: 'ejected', ejections: 1, ejectedUntil: clock.now() + 30_000 });
  });

  it.each([
    { name: 'quota exhaustion ejects at once for the long quota cooldown', signal: 'quota' as const, reason: 'quota', cooldown: 300_000 },
    { name: 'an auth failure marks the endpoint broken for the max cooldown', signal: 'auth' as const, reason: 'auth', cooldown: 300_000 },
  ])('$name', ({ signal, reason, cooldown }) => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    expect(health.record('normal', signal)).toEqual({ kind: 'ejected', reason, cooldownMs: cooldown });
    expect(health.snapshot().ejections).toBe(0);
  });

  it('a 429 with Retry-After cools the endpoint for exactly that long, then probes', () => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    health.record('normal', 'rate_limited', 2_000);
    clock.advance(1_999);
    expect(health.admit()).toBeNull();
    clock.advance(1);
    expect(health.admit()).toBe('probe');
  });

  it('a 429 without a hint counts as an ordinary failure', () => {
    const health = new EndpointHealth(envoyLike, new ManualClock());
    health.record('normal', 'rate_limited');
    expect(health.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 1 });
  });

  it('results of requests sent before the ejection neither extend nor end it', () => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    failTimes(health, 5);
    const until = health.snapshot().ejectedUntil;
    clock.advance(1_000);
    expect(health.record('normal', 'failure')).toBeNull();
    expect(health.record('normal', 'success')).toBeNull();
    expect(health.snapshot()).toMatchObject({ state: 'ejected', ejectedUntil: until });
  });

  it('a panic admission that succeeds brings the endpoint back; one that fails changes nothing', () => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    failTimes(health, 5);
    expect(health.admit(true)).toBe('panic');
    const before = health.snapshot();
    expect(health.record('panic', 'failure')).toBeNull();
    expect(health.snapshot()).toEqual(before);
    expect(health.record('panic', 'success')).toEqual({ kind: 'restored' });
  });

  it('a lost probe frees the probe slot after the lease', () => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    failTimes(health, 5);
    clock.advance(30_000);
    expect(health.admit()).toBe('probe');
    clock.advance(59_999);
    expect(health.admit()).toBeNull();
    clock.advance(1);
    expect(health.admit()).toBe('probe');
  });

  it('a probe that ends neutral (client left) frees the slot without a verdict', () => {
    const clock = new ManualClock();
    const health = new EndpointHealth(envoyLike, clock);
    failTimes(health, 5);
    clock.advance(30_000);
    health.record(health.admit() ?? 'normal', 'neutral');
    expect(health.admit()).toBe('probe');
  });
});
