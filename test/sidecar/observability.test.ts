// Metrics after a fault-injection run: the provider simulators answer a known mix of faults
// (429, quota, auth, overloaded, 400, 500, first-byte timeouts, streams cut after their first
// chunk) and some slow answers, then /metrics is scraped and read the way the dashboard reads it:
// counts per outcome class and status code, and p50/p95/p99 per provider from the histograms.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { histogramQuantile, parseSamples, total, type Sample } from '../support/prometheus.js';
import { startObservabilityRig, type ObservabilityRig, type ProviderName } from './observability-rig.js';

let rig: ObservabilityRig;
let samples: Sample[];

/** Faults scripted on the OpenAI simulator, one client request each (the route never retries). */
const FAULTS: readonly { readonly script: Parameters<ObservabilityRig['sims']['openai']['script']>[0]; readonly count: number; readonly stream?: boolean }[] = [
  { script: { errorKind: 'rate_limit', headers: { 'retry-after': '0' } }, count: 3 },
  { script: { errorKind: 'overloaded' }, count: 2 },
  { script: { errorKind: 'quota' }, count: 1 },
  { script: { errorKind: 'auth' }, count: 1 },
  { script: { errorKind: 'bad_request' }, count: 2 },
  { script: { status: 500 }, count: 1 },
  { script: { latencyBeforeHeadersMs: 2_500 }, count: 2 },
  // Spaced out, so the first chunks reach the client before the error does: a cut, not a failed attempt.
  { script: { streamErrorAfterChunks: 2, errorKind: 'server', trickleMs: 30 }, count: 2, stream: true },
];

const SLOW_MS: Readonly<Record<ProviderName, number>> = { openai: 0, anthropic: 300, gemini: 900 };

beforeAll(async () => {
  rig = await startObservabilityRig({ firstByteMs: 2_000 });
  for (const fault of FAULTS) {
    for (let index = 0; index < fault.count; index += 1) {
      rig.sims.openai.script(fault.script);
      await rig.chat('openai', { stream: fault.stream === true });
    }
  }
  for (let index = 0; index < 5; index += 1) await rig.chat('openai', { headers: { 'x-switchyard-use-case': 'summarize' } });
  await rig.chat('openai', { stream: true });
  await rig.chat('openai', { content: 'write to jane@example.com about it' });
  await rig.chat('openai', { content: 'my ssn is 123-45-6789' });
  for (const provider of ['anthropic', 'gemini'] as const) {
    rig.sims[provider].script({ latencyBeforeHeadersMs: SLOW_MS[provider], always: true });
    await Promise.all(Array.from({ length: 10 }, () => rig.chat(provider)));
    rig.sims[provider].clearScripts();
  }
  samples = parseSamples(await rig.scrape());
}, 60_000);

afterAll(async () => {
  await rig.close();
});

const openai = { route: 'obs-openai', provider: 'openai' };

describe('counts per outcome class after the fault run', () => {
  it.each([
    ['rate_limited', 3],
    ['overloaded', 2],
    ['quota', 1],
    ['auth', 1],
    ['request_error', 2],
    ['server_error', 1],
    ['timeout', 2],
    ['stream_cut', 2],
  ])('%s: %d', (errorClass, count) => {
    expect(total(samples, 'switchyard_request_errors_total', { ...openai, class: errorClass })).toBe(count);
  });

  it('counts the PII refusal as policy, outside any provider', () => {
    expect(total(samples, 'switchyard_request_errors_total', { route: 'obs-openai', class: 'policy', code: '400', error_code: 'pii_blocked' })).toBe(1);
  });

  it.each([
    ['200', 5 + 1 + 1 + 2],
    ['429', 3 + 1],
    ['503', 2],
    ['502', 1 + 1],
    ['400', 2],
    ['504', 2],
  ])('answered %s %d times through the provider', (code, count) => {
    expect(total(samples, 'switchyard_requests_total', { ...openai, code })).toBe(count);
  });

  it('counts every upstream attempt by resilience outcome, agreeing with the request counts', () => {
    expect(total(samples, 'switchyard_upstream_attempts_total', { route: 'obs-openai', outcome: 'rate_limited' })).toBe(3);
    expect(total(samples, 'switchyard_upstream_attempts_total', { route: 'obs-openai', outcome: 'timeout' })).toBe(2);
    expect(total(samples, 'switchyard_upstream_attempts_total', { route: 'obs-openai', outcome: 'quota' })).toBe(1);
  });

  it('labels requests with the declared use case', () => {
    expect(total(samples, 'switchyard_requests_total', { ...openai, use_case: 'summarize', code: '200' })).toBe(5);
  });

  it('counts PII detections by entity and action, blocked requests included', () => {
    expect(total(samples, 'switchyard_pii_detections_total', { entity: 'email', action: 'redact' })).toBe(1);
    expect(total(samples, 'switchyard_pii_detections_total', { entity: 'us-ssn', action: 'block' })).toBe(1);
  });

  it('counts tokens by kind, as the GenAI histogram does, and the budget module prices them', () => {
    const input = total(samples, 'switchyard_tokens_total', { ...openai, type: 'input' });
    const output = total(samples, 'switchyard_tokens_total', { ...openai, type: 'output' });
    expect(input).toBeGreaterThan(0);
    expect(output).toBeGreaterThan(0);
    expect(total(samples, 'switchyard_tokens_total', { ...openai, type: 'cached_input' })).toBe(0);
    expect(total(samples, 'gen_ai_client_token_usage_sum', { gen_ai_system: 'openai', gen_ai_token_type: 'output' })).toBe(output);
    expect(total(samples, 'switchyard_usage_cost_micro_usd_total', { route: 'obs-openai' })).toBeGreaterThan(0);
  });

  it('times the first token of streams only', () => {
    expect(total(samples, 'switchyard_time_to_first_token_seconds_count', openai)).toBe(1 + 2);
    expect(total(samples, 'switchyard_time_to_first_token_seconds_count', { provider: 'anthropic' })).toBe(0);
  });
});

// Lower bounds and order only: the simulators set how slow each provider is, while how much a
// loaded machine adds on top is not this test's business.
describe('latency quantiles per provider from the histograms', () => {
  const quantile = (q: number, provider: ProviderName, metric = 'switchyard_request_duration_seconds'): number =>
    histogramQuantile(q, samples, metric, { route: `obs-${provider}`, provider });

  it.each([
    ['anthropic', 0.25, 'its 300 ms answers'],
    ['gemini', 0.5, 'its 900 ms answers'],
  ] as const)('%s: p50, p95 and p99 are at least %d s (%s) and in order', (provider, low, _why) => {
    const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => quantile(q, provider));
    expect(p50).toBeGreaterThanOrEqual(low);
    expect(p95).toBeGreaterThanOrEqual(p50 ?? Infinity);
    expect(p99).toBeGreaterThanOrEqual(p95 ?? Infinity);
  });

  it('ranks the providers by their median the way the simulators slowed them', () => {
    expect(quantile(0.5, 'openai')).toBeLessThan(quantile(0.5, 'anthropic'));
    expect(quantile(0.5, 'anthropic')).toBeLessThan(quantile(0.5, 'gemini'));
  });

  it('shows the OpenAI first-byte timeouts (2 s) in its p99 only', () => {
    expect(quantile(0.99, 'openai')).toBeGreaterThanOrEqual(2);
    expect(quantile(0.5, 'openai')).toBeLessThan(2);
  });

  it('puts upstream time and the gateway overhead apart', () => {
    expect(quantile(0.5, 'gemini', 'switchyard_upstream_duration_seconds')).toBeGreaterThanOrEqual(0.5);
    expect(quantile(0.5, 'gemini', 'switchyard_gateway_overhead_seconds')).toBeLessThan(quantile(0.5, 'gemini', 'switchyard_upstream_duration_seconds'));
  });
});
