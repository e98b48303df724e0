// The retry layer on simulated time, with scripted endpoints in place of HTTP: the Done-when
// figures at the level of decisions. test/sidecar/resilience/ checks the same over real sockets.

import { describe, expect, it } from '@jest/globals';
import type { CapabilitiesConfig } from '@switchyard/contract';
import { ManualClock } from '../../../test/sidecar/resilience/manual-clock.js';
import type { GatewayErrorCode } from '../errors/index.js';
import { startDeadline } from './deadline.js';
import type { RetryPolicy } from './decide.js';
import type { CandidateView } from './eligibility.js';
import { runResilient, type AttemptResult, type LoopResult } from './loop.js';
import { seededRandom } from './random.js';
import { ResilienceState } from './state.js';

const capabilities: CapabilitiesConfig = {
  contextWindowTokens: 128_000, maxOutputTokens: null, vision: false, tools: true, jsonSchema: true, embeddings: false, streaming: true,
};
const policy: RetryPolicy = { maxAttempts: 3, maxAttemptsPerEndpoint: 2, backoff: { baseMs: 250, capMs: 8_000 }, allowLargerContext: true };
const needs = { vision: false, tools: false, jsonSchema: false, streaming: false, embeddings: false };

type Behaviour = (now: number) => AttemptResult;
const serves: Behaviour = () => ({ kind: 'served', firstByteMs: 40 });
const fails = (code: GatewayErrorCode, retryAfterMs?: number): Behaviour => () => ({ kind: 'failed', outcome: { code, retryAfterMs }, elapsedMs: 5 });

interface Rig {
  readonly clock: ManualClock;
  readonly state: ResilienceState;
  readonly calls: string[];
  send(options?: { allowed?: ReadonlySet<string> }): Promise<LoopResult<CandidateView>>;
}

function rig(behaviours: Record<string, Behaviour>, windows: Record<string, number> = {}): Rig {
  const clock = new ManualClock(1_000_000, true);
  const state = new ResilienceState({ clock });
  const random = seededRandom(7);
  const calls: string[] = [];
  const candidates: CandidateView[] = Object.keys(behaviours).map((endpointId) => ({
    endpointId, target: endpointId, capabilities: { ...capabilities, contextWindowTokens: windows[endpointId] ?? capabilities.contextWindowTokens },
  }));
  const send: Rig['send'] = (options = {}) => runResilient({
    route: 'chat',
    candidates,
    needs,
    allowedEndpoints: options.allowed ?? null,
    policy,
    deadline: startDeadline(clock, 30_000),
    state,
    timers: clock,
    random,
    signal: new AbortController().signal,
    attempt: (candidate) => {
      calls.push(candidate.endpointId);
      const behaviour = behaviours[candidate.endpointId] ?? serves;
      return Promise.resolve(behaviour(clock.now()));
    },
  });
  return { clock, state, calls, send };
}

const count = (calls: readonly string[], id: string): number => calls.filter((call) => call === id).length;

describe('the retry layer', () => {
  it('1 of 3 endpoints answering 503 to everything: no request fails, and once ejected it sees under 2 %', async () => {
    const { clock, calls, send, state } = rig({ a: fails('upstream_overloaded'), b: serves, c: serves });
    let failed = 0;
    let callsAtEjection = -1;
    for (let index = 0; index < 10_000; index += 1) {
      clock.advance(20);
      if ((await send()).kind !== 'served') failed += 1;
      if (callsAtEjection < 0 && state.health('a').snapshot().state === 'ejected') callsAtEjection = count(calls, 'a');
    }
    expect(failed).toBe(0);
    expect(callsAtEjection).toBeLessThanOrEqual(5);
    expect((count(calls, 'a') - callsAtEjection) / 10_000).toBeLessThan(0.02);
  });

  it('a 429 with Retry-After 2 s: the request fails over at once and the endpoint sees nothing for 2 s', async () => {
    let limitedUntil = Number.POSITIVE_INFINITY;
    const { clock, calls, send } = rig({
      a: (now) => (now < limitedUntil ? fails('upstream_rate_limited', 2_000)(now) : serves(now)),
      b: serves,
    });
    const start = clock.now();
    const first = await send();
    expect(first).toMatchObject({ kind: 'served', candidate: { endpointId: 'b' } });
    expect(clock.now()).toBe(start);
    limitedUntil = start;
    const early: string[] = [];
    for (let elapsed = 100; elapsed < 2_000; elapsed += 100) {
      clock.advance(100);
      await send();
      early.push(calls.at(-1) ?? '');
    }
    expect(early).toHaveLength(19);
    expect(early.filter((id) => id === 'a')).toEqual([]);
    clock.advance(100);
    await send();
    expect(clock.now() - start).toBe(2_000);
    expect(calls.at(-1)).toBe('a');
  });

  it('a 429 on the only candidate with a wait that fits: the request waits and succeeds', async () => {
    let calls = 0;
    const { clock, send } = rig({ a: (now) => (calls++ === 0 ? fails('upstream_rate_limited', 2_000)(now) : serves(now)) });
    const start = clock.now();
    await expect(send()).resolves.toMatchObject({ kind: 'served', attempts: 2 });
    expect(clock.now() - start).toBe(2_000);
  });

  it('a 429 on the only candidate with a wait past the deadline fails fast with the hint', async () => {
    const { clock, send } = rig({ a: fails('upstream_rate_limited', 45_000) });
    const start = clock.now();
    await expect(send()).resolves.toMatchObject({ kind: 'failed', advice: { why: 'retry_after_exceeds_deadline', shouldRetry: true, retryAfterMs: 45_000 } });
    expect(clock.now()).toBe(start);
  });

  it('quota errors: no retry there, every request succeeds on the next target, the endpoint stays out', async () => {
    const { clock, calls, send } = rig({ a: fails('upstream_quota_exhausted'), b: serves });
    const results = [];
    for (let index = 0; index < 1_000; index += 1) {
      clock.advance(50);
      results.push(await send());
    }
    expect(results.every((result) => result.kind === 'served')).toBe(true);
    expect(count(calls, 'a')).toBe(1);
  });

  it('every endpoint 503: each request ends in an error after at most maxAttempts, within the deadline', async () => {
    const { clock, calls, send } = rig({ a: fails('upstream_overloaded'), b: fails('upstream_overloaded'), c: fails('upstream_overloaded') });
    for (let index = 0; index < 200; index += 1) {
      const before = calls.length;
      const start = clock.now();
      const result = await send();
      expect(result.kind).toBe('failed');
      expect(calls.length - before).toBeLessThanOrEqual(policy.maxAttempts);
      expect(clock.now() - start).toBeLessThanOrEqual(30_000);
      clock.advance(100);
    }
  });

  it.each(['upstream_bad_request', 'context_length_exceeded'] as const)('%s: no retry, no failover', async (code) => {
    const { calls, send } = rig({ a: fails(code), b: serves });
    await expect(send()).resolves.toMatchObject({ kind: 'failed', attempts: 1, outcome: { code } });
    expect(calls).toEqual(['a']);
  });

  it('a context-length refusal moves to a target with a larger window', async () => {
    const { calls, send } = rig({ a: fails('context_length_exceeded'), b: serves, c: serves }, { a: 8_000, b: 8_000, c: 200_000 });
    await expect(send()).resolves.toMatchObject({ kind: 'served', candidate: { endpointId: 'c' } });
    expect(calls).toEqual(['a', 'c']);
  });

  it('with every in-policy endpoint failing, nothing goes out of policy', async () => {
    const { clock, calls, send } = rig({ eu1: fails('upstream_overloaded'), eu2: fails('upstream_overloaded'), us: serves });
    for (let index = 0; index < 100; index += 1) {
      clock.advance(100);
      expect((await send({ allowed: new Set(['eu1', 'eu2']) })).kind).toBe('failed');
    }
    expect(count(calls, 'us')).toBe(0);
  });

  it('retry storm: all endpoints 503 at 200 rps for a minute stays under 1.25 attempts per request', async () => {
    const { clock, calls, send } = rig({ a: fails('upstream_overloaded'), b: fails('upstream_overloaded'), c: fails('upstream_overloaded') });
    let requests = 0;
    let attempts = 0;
    const start = clock.now();
    for (let index = 0; index < 200 * 60; index += 1) {
      clock.advance(5);
      const before = calls.length;
      await send();
      if (clock.now() - start > 10_000) {
        requests += 1;
        attempts += calls.length - before;
      }
    }
    expect(attempts / requests).toBeLessThanOrEqual(1.25);
  });
});
