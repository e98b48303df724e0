// Budgets on the real request path of a standalone sidecar (its own ledger) in front of provider
// simulators: usage records priced from the simulator's own usage, the per-request maximum
// refusing or downgrading, an exhausted budget, a dry run, and a broken budget failing closed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costMicroUsd, type PricingConfig, type UsageRecord } from '@switchyard/contract';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { keeperOf } from '../../sidecar/src/budget/registry.js';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { postJson } from './http-client.js';

const MINI: PricingConfig = { inputMicroUsdPerMillion: 150_000, cachedInputMicroUsdPerMillion: 150_000, cacheWriteMicroUsdPerMillion: 150_000, outputMicroUsdPerMillion: 600_000, batchDiscountPercent: 0 };

let openai: Simulator;
let sidecar: StandaloneSidecar;
let dir: string;

function configYaml(url: string): string {
  return `
apiVersion: switchyard.dev/v1alpha1
kind: ProviderPool
metadata: { name: pool }
spec:
  endpoints:
    - name: oai
      provider: openai
      baseURL: ${url}/v1
      inCluster: true
      models:
        - { name: gpt-4o-mini, capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: "0.15", outputPerMillion: "0.60" } }
        - { name: o3, capabilities: { contextWindowTokens: 200000 }, pricing: { inputPerMillion: "20", outputPerMillion: "80" } }
        - { name: text-embedding-3-small, capabilities: { contextWindowTokens: 8191, embeddings: true }, pricing: { inputPerMillion: "0.02", outputPerMillion: "0" } }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: vectors }
spec:
  match: { models: [vectors] }
  targets: [{ name: embed, pool: pool, model: text-embedding-3-small }]
---
apiVersion: switchyard.dev/v1alpha1
kind: BudgetPolicy
metadata: { name: vectors-cap }
spec:
  scope: { routes: [vectors] }
  window: { period: daily }
  limit: "1"
  maxRequestCost: "0.000002"
  onExceed: downgrade
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: capped }
spec:
  match: { models: [capped] }
  targets: [{ name: strong, pool: pool, model: o3 }, { name: mini, pool: pool, model: gpt-4o-mini }]
  semantic: { defaultTarget: strong }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: thrifty }
spec:
  match: { models: [thrifty] }
  targets: [{ name: strong, pool: pool, model: o3 }, { name: mini, pool: pool, model: gpt-4o-mini }]
  semantic: { defaultTarget: strong }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: small }
spec:
  match: { models: [small] }
  targets: [{ name: mini, pool: pool, model: gpt-4o-mini }]
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: guarded }
spec:
  match: { models: [guarded] }
  targets: [{ name: mini, pool: pool, model: gpt-4o-mini }]
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: tiered }
spec:
  match: { models: [tiered] }
  targets: [{ name: strong, pool: pool, model: o3 }, { name: mini, pool: pool, model: gpt-4o-mini }]
  semantic: { defaultTarget: strong }
---
apiVersion: switchyard.dev/v1alpha1
kind: BudgetPolicy
metadata: { name: tiered-threshold }
spec:
  scope: { routes: [tiered] }
  window: { period: daily }
  limit: "0.1"
  thresholds: [{ percent: 1, action: downgrade }]
---
apiVersion: switchyard.dev/v1alpha1
kind: BudgetPolicy
metadata: { name: capped-reject }
spec:
  scope: { routes: [capped], teamLabel: team, team: search }
  window: { period: monthly }
  limit: "100"
  maxRequestCost: "0.01"
  onExceed: reject
---
apiVersion: switchyard.dev/v1alpha1
kind: BudgetPolicy
metadata: { name: thrifty-downgrade }
spec:
  scope: { routes: [thrifty] }
  window: { period: daily }
  limit: "100"
  maxRequestCost: "0.01"
  onExceed: downgrade
---
apiVersion: switchyard.dev/v1alpha1
kind: BudgetPolicy
metadata: { name: tiny }
spec:
  scope: { routes: [small], header: { name: x-feature, value: tiny } }
  window: { period: daily }
  limit: "0.00008"
---
apiVersion: switchyard.dev/v1alpha1
kind: BudgetPolicy
metadata: { name: broken }
spec:
  scope: { routes: [guarded, nowhere] }
  window: { period: daily }
  limit: "5"
`;
}

beforeAll(async () => {
  openai = await startSimulator({ dialect: 'openai' });
  dir = await mkdtemp(join(tmpdir(), 'switchyard-budget-'));
  await writeFile(join(dir, 'all.yaml'), configYaml(openai.url));
  sidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger });
});

afterAll(async () => {
  await sidecar.close();
  await openai.close();
  await rm(dir, { recursive: true, force: true });
});

const chat = (model: string, content: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  postJson(`${sidecar.url}/v1/chat/completions`, { model, messages: [{ role: 'user', content }], ...extra }, headers);

function records(): UsageRecord[] {
  return keeperOf(sidecar.holder.current!).recent;
}

function lastRecord(): UsageRecord {
  return records().at(-1)!;
}

describe('usage records', () => {
  it.each([
    ['a whole answer is priced from the provider usage', false],
    ['a streamed answer is priced from the usage the sidecar asked for', true],
  ])('%s', async (_name, stream) => {
    const response = await chat('small', 'Name three rivers of Europe, please.', { max_tokens: 40, ...(stream ? { stream: true } : {}) });
    expect(response.status).toBe(200);
    const record = lastRecord();
    const sent = openai.requests.at(-1)!;
    expect(sent.body).toBeDefined();
    expect(record.estimated).toBe(false);
    expect(record.inputTokens).toBeGreaterThan(0);
    expect(record.costMicroUsd).toBe(costMicroUsd({ input: record.inputTokens, cachedInput: 0, cacheWrite: 0, output: record.outputTokens, reasoning: 0 }, MINI));
    expect(record).toMatchObject({ route: 'small', target: 'mini', endpoint: 'pool/oai', provider: 'openai', model: 'gpt-4o-mini', budgets: [] });
  });
});

describe('embeddings under a budget', () => {
  const embed = (input: string | string[]) => postJson(`${sidecar.url}/v1/embeddings`, { model: 'vectors', input });
  const EMBED: PricingConfig = { ...MINI, inputMicroUsdPerMillion: 20_000, cachedInputMicroUsdPerMillion: 20_000, cacheWriteMicroUsdPerMillion: 20_000, outputMicroUsdPerMillion: 0 };

  it('reserve and settle like chat, and the usage record is priced from the provider usage', async () => {
    const response = await embed(['rivers of Europe', 'mountains of Asia']);
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-budget']).toBe('ok');
    const record = lastRecord();
    expect(record).toMatchObject({ route: 'vectors', target: 'embed', model: 'text-embedding-3-small', outputTokens: 0, estimated: false, budgets: [{ budget: 'vectors-cap' }] });
    expect(record.inputTokens).toBe(JSON.parse(response.text).usage.prompt_tokens);
    expect(record.costMicroUsd).toBe(costMicroUsd({ input: record.inputTokens, cachedInput: 0, cacheWrite: 0, output: 0, reasoning: 0 }, EMBED));
  });

  it('are refused over the per-request maximum, never downgraded to another model\'s vectors', async () => {
    const before = openai.requests.length;
    const response = await embed('the quick brown fox jumps over the lazy dog '.repeat(300));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).error.code).toBe('request_cost_exceeded');
    expect(response.headers['x-switchyard-budget']).toBe('rejected');
    expect(openai.requests.length).toBe(before);
  });
});

describe('a provider that reports no usage', () => {
  it('is recorded with the gateway\'s own count, marked estimated', async () => {
    openai.script({ body: JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'Owls.' }, finish_reason: 'stop' }] }) });
    const response = await chat('small', 'Which bird hoots at night?', { max_tokens: 40 });
    expect(response.status).toBe(200);
    expect(lastRecord()).toMatchObject({ estimated: true, outputTokens: 40 });
    expect(lastRecord().inputTokens).toBeGreaterThan(5);
    expect(lastRecord().costMicroUsd).toBe(costMicroUsd({ input: lastRecord().inputTokens, cachedInput: 0, cacheWrite: 0, output: 40, reasoning: 0 }, MINI));
  });
});

describe('the per-request maximum', () => {
  it('refuses a request predicted over it when the budget says reject', async () => {
    const before = openai.requests.length;
    const response = await chat('capped', 'Summarise the history of Rome.', { max_tokens: 2000 });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).error.code).toBe('request_cost_exceeded');
    expect(response.headers['x-should-retry']).toBe('false');
    expect(response.headers['x-switchyard-budget']).toBe('rejected');
    expect(openai.requests.length).toBe(before);
  });

  it('sends a request that fits and charges its budget, with the team from the budget', async () => {
    const response = await chat('capped', 'Hi there.', { max_tokens: 20 });
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-budget']).toBe('ok');
    expect(lastRecord()).toMatchObject({ route: 'capped', target: 'strong', team: 'search', budgets: [{ budget: 'capped-reject' }] });
    expect(lastRecord().predictedMicroUsd).toBeGreaterThanOrEqual(lastRecord().costMicroUsd);
  });

  it('downgrades to the cheapest target that fits when the budget says downgrade', async () => {
    const response = await chat('thrifty', 'Summarise the history of Rome.', { max_tokens: 2000 });
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-budget']).toBe('downgraded');
    expect(response.headers['x-switchyard-target']).toBe('mini');
    expect(openai.requests.at(-1)!.model).toBe('gpt-4o-mini');
  });
});

describe('a downgrade threshold', () => {
  it('sends requests to the cheapest target once spend has crossed it', async () => {
    const first = await chat('tiered', 'Name a large bird, please.', { max_tokens: 30 });
    expect(first.headers['x-switchyard-target']).toBe('strong');
    expect(lastRecord().costMicroUsd).toBeGreaterThanOrEqual(1_000);
    const second = await chat('tiered', 'Name a large bird, please.', { max_tokens: 30 });
    expect(second.status).toBe(200);
    expect(second.headers['x-switchyard-budget']).toBe('downgraded');
    expect(second.headers['x-switchyard-target']).toBe('mini');
  });
});

describe('an exhausted budget', () => {
  it('serves until the allowance is spent, then refuses with budget_exceeded', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await chat('small', 'Tell me a short fact about owls.', { max_tokens: 50 }, { 'x-feature': 'tiny' });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(JSON.parse(response.text).error.code).toBe('budget_exceeded');
        expect(response.headers['x-should-retry']).toBe('false');
      }
    }
    expect(statuses).toContain(200);
    expect(statuses.at(-1)).toBe(429);
    const spent = records().filter((record) => record.budgets.some((charge) => charge.budget === 'tiny')).reduce((sum, record) => sum + record.costMicroUsd, 0);
    expect(spent).toBeLessThanOrEqual(80);
  });

  it('does not touch requests outside the budget scope header', async () => {
    const response = await chat('small', 'Tell me a short fact about owls.', { max_tokens: 50 });
    expect(response.status).toBe(200);
  });
});

describe('a dry run', () => {
  it('answers with the target and predicted cost and sends nothing', async () => {
    const before = openai.requests.length;
    const response = await chat('capped', 'Hi there.', { max_tokens: 20 }, { 'x-switchyard-dry-run': 'true' });
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({ object: 'switchyard.dry_run', route: 'capped', target: 'strong', endpoint: 'pool/oai', decision: 'ok' });
    expect(body.predicted.cost_micro_usd).toBeGreaterThan(0);
    expect(body.predicted.output_tokens).toBe(20);
    expect(openai.requests.length).toBe(before);
  });
});

describe('a budget that failed to compile', () => {
  it('refuses the requests it covers instead of leaving them unlimited', async () => {
    const response = await chat('guarded', 'Hello');
    expect(response.status).toBe(503);
    expect(JSON.parse(response.text).error.code).toBe('budget_unavailable');
    expect(response.headers['x-should-retry']).toBe('false');
  });
});
