// Experiment outcomes through a running sidecar and the provider simulators: each evaluator's
// score (expected answer, valid JSON on an assembled stream, a judge that fails or answers), the
// cost of each answer from the provider's usage, failover counted against the variant, and a
// variant or judge the request's data class may not reach.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import type { VariantStats } from '@switchyard/contract';
import { stickyPoint } from '../../sidecar/src/experiments/index.js';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { postJson, send, type RawResponse } from './http-client.js';
import { metricValue } from './experiments-support.js';
import { keysAndPoolHead } from './pool-yaml.js';

let openai: Simulator;
let anthropic: Simulator;
let sidecar: StandaloneSidecar;
let dir: string;

function configYaml(): string {
  const model = (name: string, extra = ''): string =>
    `{ name: ${name}, capabilities: { contextWindowTokens: 128000${extra} }, pricing: { inputPerMillion: "0.15", outputPerMillion: "0.60" } }`;
  return `
${keysAndPoolHead('{ openai: sk-exp-openai, anthropic: sk-exp-anthropic }')}
    - name: oai
      provider: openai
      baseURL: ${openai.url}/v1
      inCluster: true
      jurisdiction: eu
      credentials: { secretRef: { name: keys, key: openai } }
      models: [${model('gpt-4o-mini', ', jsonSchema: true')}, ${model('gpt-4o', ', jsonSchema: true')}]
    - name: ant
      provider: anthropic
      baseURL: ${anthropic.url}/v1
      inCluster: true
      jurisdiction: us
      credentials: { secretRef: { name: keys, key: anthropic } }
      models: [${model('claude-haiku-4-5')}, ${model('claude-sonnet-4-5')}]
    - name: ant-flaky
      provider: anthropic
      baseURL: ${anthropic.url}/v1
      inCluster: true
      credentials: { secretRef: { name: keys, key: anthropic } }
      models: [${model('claude-opus-4-1')}]
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: answer }
spec:
  match: { models: [answer] }
  targets:
    - { name: mini, pool: pool, model: gpt-4o-mini }
    - { name: haiku, pool: pool, model: claude-haiku-4-5 }
  experiments:
    - name: contains
      variants: [{ name: a, target: mini, weight: 50 }, { name: b, target: haiku, weight: 50 }]
      sticky: header
      stickyHeader: X-Tenant
      evaluator: { type: expected-answer, expectContains: "GPT-4O-MINI" }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: json }
spec:
  match: { models: [json] }
  targets:
    - { name: mini, pool: pool, model: gpt-4o-mini }
    - { name: big, pool: pool, model: gpt-4o }
  experiments:
    - name: json
      variants: [{ name: a, target: mini, weight: 50 }, { name: b, target: big, weight: 50 }]
      evaluator: { type: json-valid }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: guarded }
spec:
  match: { models: [guarded] }
  targets:
    - { name: mini, pool: pool, model: gpt-4o-mini }
    - { name: haiku, pool: pool, model: claude-haiku-4-5 }
    - { name: sonnet, pool: pool, model: claude-sonnet-4-5 }
  dataPolicy:
    classes: [{ name: public }, { name: eu-only, allowedJurisdictions: [eu] }]
    defaultClass: public
    classHeader: x-data-class
  experiments:
    - name: guarded
      variants: [{ name: a, target: mini, weight: 50 }, { name: b, target: haiku, weight: 50 }]
      sticky: header
      stickyHeader: x-tenant
      evaluator: { type: judge, judgeTarget: sonnet }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: flaky }
spec:
  match: { models: [flaky] }
  targets:
    - { name: mini, pool: pool, model: gpt-4o-mini }
    - { name: opus, pool: pool, model: claude-opus-4-1 }
  failover: { chain: [mini] }
  experiments:
    - name: flaky
      variants: [{ name: only, target: opus, weight: 100 }]
`;
}

beforeAll(async () => {
  [openai, anthropic] = await Promise.all([
    startSimulator({ dialect: 'openai', apiKey: 'sk-exp-openai' }),
    startSimulator({ dialect: 'anthropic', apiKey: 'sk-exp-anthropic' }),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'switchyard-experiments-'));
  await writeFile(join(dir, 'config.yaml'), configYaml());
  sidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger });
});

afterAll(async () => {
  await sidecar?.close();
  await Promise.all([openai?.close(), anthropic?.close()]);
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const ask = (model: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<RawResponse> =>
  postJson(`${sidecar.url}/v1/chat/completions`, { model, messages: [{ role: 'user', content: 'Name the capital of France.' }], ...extra }, headers);

function statsOf(route: string, variant: string): VariantStats | undefined {
  return sidecar.experiments.stats.snapshot().find((entry) => entry.route === route && entry.variant === variant);
}

/** A header value that the experiment's hash puts in the variant wanted (50/50 split: a below 0.5). */
function tenantFor(experiment: string, variant: 'a' | 'b'): string {
  for (let i = 0; ; i++) if ((stickyPoint(experiment, `tenant-${i}`) < 0.5) === (variant === 'a')) return `tenant-${i}`;
}

async function metrics(): Promise<string> {
  await sidecar.experiments.settled();
  return (await send(`${sidecar.url}/metrics`)).text;
}

describe('expected-answer', () => {
  it('scores 1 when the answer contains the text (any case) and 0 when it does not, per variant', async () => {
    for (const variant of ['a', 'b'] as const) {
      const response = await ask('answer', {}, { 'x-tenant': tenantFor('contains', variant) });
      expect(response.headers['x-switchyard-experiment']).toBe(`contains/${variant}`);
    }
    const text = await metrics();
    const score = (variant: string): [number, number] => [
      metricValue(text, 'switchyard_experiment_quality_score_sum', { route: 'answer', variant }),
      metricValue(text, 'switchyard_experiment_quality_score_count', { route: 'answer', variant }),
    ];
    expect(score('a')).toEqual([1, 1]);
    expect(score('b')).toEqual([0, 1]);
  });

  it('prices each answer from the provider\'s usage at the served model\'s list price, in micro-USD', async () => {
    const before = statsOf('answer', 'a')?.costMicroUsd ?? 0;
    const response = await ask('answer', {}, { 'x-tenant': tenantFor('contains', 'a') });
    const { usage } = JSON.parse(response.text) as { usage: { prompt_tokens: number; completion_tokens: number } };
    const expected = Math.round((usage.prompt_tokens * 150_000 + usage.completion_tokens * 600_000) / 1_000_000);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect((statsOf('answer', 'a')?.costMicroUsd ?? 0) - before).toBe(expected);
  });
});

describe('json-valid on streamed answers', () => {
  it('scores the assembled stream: 1 for a JSON object, 0 for prose', async () => {
    const schema = { type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
    const expected = new Map<string, number>([['a', 0], ['b', 0]]);
    const answered = new Map<string, number>([['a', 0], ['b', 0]]);
    for (let i = 0; i < 24; i++) {
      const wantsJson = i % 2 === 0;
      const response = await ask('json', { stream: true, ...(wantsJson ? { response_format: schema } : {}) });
      expect(response.status).toBe(200);
      expect(response.text).toContain('data: [DONE]');
      const variant = (response.headers['x-switchyard-experiment'] ?? '').split('/')[1] ?? '';
      answered.set(variant, (answered.get(variant) ?? 0) + 1);
      if (wantsJson) expected.set(variant, (expected.get(variant) ?? 0) + 1);
    }
    expect(answered.get('a')).toBeGreaterThan(0);
    expect(answered.get('b')).toBeGreaterThan(0);
    for (const variant of ['a', 'b']) {
      expect(statsOf('json', variant)).toMatchObject({ requests: answered.get(variant), scored: answered.get(variant), qualityMicros: (expected.get(variant) ?? 0) * 1_000_000 });
    }
  });
});

describe('a judge', () => {
  const judgeRequests = (): number => anthropic.requests.filter((request) => JSON.stringify(request.body).includes('You grade answers')).length;
  const reply = (text: string): unknown => ({
    id: 'msg_j', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text }],
    stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 40, output_tokens: 3 },
  });

  it('records no score when the judge answers without one, and the score when it gives one', async () => {
    anthropic.script({ match: { model: 'claude-sonnet-4-5' }, body: reply('A fine answer, I would say.') });
    anthropic.script({ match: { model: 'claude-sonnet-4-5' }, body: reply('0.25') });
    const tenant = tenantFor('guarded', 'a');
    await ask('guarded', {}, { 'x-tenant': tenant });
    await sidecar.experiments.settled();
    await ask('guarded', {}, { 'x-tenant': tenant });
    const text = await metrics();
    expect(metricValue(text, 'switchyard_experiment_judge_calls_total', { route: 'guarded', result: 'failed' })).toBe(1);
    expect(metricValue(text, 'switchyard_experiment_judge_calls_total', { route: 'guarded', result: 'scored' })).toBe(1);
    expect(statsOf('guarded', 'a')).toMatchObject({ requests: 2, scored: 1, qualityMicros: 250_000 });
  });

  it('is never shown a prompt its endpoint may not see: no judge call and no score', async () => {
    const before = { calls: judgeRequests(), scored: statsOf('guarded', 'a')?.scored ?? 0 };
    const response = await ask('guarded', {}, { 'x-tenant': tenantFor('guarded', 'a'), 'x-data-class': 'eu-only' });
    expect(response.headers['x-switchyard-experiment']).toBe('guarded/a');
    const text = await metrics();
    expect(judgeRequests()).toBe(before.calls);
    expect(statsOf('guarded', 'a')?.scored).toBe(before.scored);
    expect(metricValue(text, 'switchyard_experiment_judge_calls_total', { route: 'guarded', result: 'failed' })).toBe(2);
  });
});

describe('variants that cannot serve', () => {
  it('leave a request their data class forbids them out of the experiment, served as decided', async () => {
    const response = await ask('guarded', {}, { 'x-tenant': tenantFor('guarded', 'b'), 'x-data-class': 'eu-only' });
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-experiment']).toBeUndefined();
    expect(response.headers['x-switchyard-target']).toBe('mini');
    expect(metricValue(await metrics(), 'switchyard_experiment_excluded_total', { route: 'guarded', experiment: 'guarded' })).toBe(1);
    expect(statsOf('guarded', 'b')).toBeUndefined();
  });

  it('count a request answered by failover as the variant\'s error, while the client gets its answer', async () => {
    anthropic.script({ always: true, status: 503, match: { model: 'claude-opus-4-1' } });
    const response = await ask('flaky');
    anthropic.clearScripts();
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-experiment']).toBe('flaky/only');
    expect(response.headers['x-switchyard-target']).toBe('mini');
    expect(statsOf('flaky', 'only')).toMatchObject({ requests: 1, errors: 1, costed: 0 });
    expect(metricValue(await metrics(), 'switchyard_experiment_errors_total', { route: 'flaky', variant: 'only' })).toBe(1);
  });
});
