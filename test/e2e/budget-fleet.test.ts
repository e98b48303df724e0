// Budgets end to end against the real apiserver: the operator (its own ServiceAccount and RBAC,
// ledgers and usage in ConfigMaps of its namespace) and 5 cluster-mode sidecars (bound tokens,
// the TLS channel through a relay each, so one can be cut) in front of provider simulators.
//   - 200 concurrent requests against a budget worth 10 predicted requests, with one sidecar's
//     channel cut and the operator restarted while they run: spend stays within the documented
//     bound, nothing is over-granted, and the recorded spend equals the simulator's charged
//     usage exactly;
//   - the export's totals per team and feature equal the sum of the per-request records;
//   - the per-request maximum refuses or downgrades, as each budget says;
//   - two operator replicas with sidecars connected to either share one ledger;
//   - reserved quota is used first, then pay-as-you-go, visible in status and metrics.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import {
  billingCycleAt, committedOf, costMicroUsd, formatMicroUsd, totalsByTeamAndFeature, windowAt, type PricingConfig, type UsageRecord,
} from '@switchyard/contract';
import { exportUsage } from '../../operator/src/budget/export-command.js';
import type { RunningOperator } from '../../operator/src/operator.js';
import type { ClusterSidecar } from '../../sidecar/src/channel/run.js';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { createTestNamespace, loadKubeConfig, waitFor } from '../support/cluster.js';
import {
  applyResource, boundToken, createSecret, createServiceAccount, createSidecarPod, installCrds,
} from './support/cluster-objects.js';
import { startMember, startTestOperator, writeToken } from './support/fleet.js';
import { operatorIdentity } from './support/operator-identity.js';

jest.setTimeout(180_000);

const SIDECARS = 5;
const REQUESTS = 200;
const MINI: PricingConfig = { inputMicroUsdPerMillion: 150_000, cachedInputMicroUsdPerMillion: 150_000, cacheWriteMicroUsdPerMillion: 150_000, outputMicroUsdPerMillion: 600_000, batchDiscountPercent: 0 };
const kc = loadKubeConfig();
let namespace = '';
let operatorNamespace = '';
let operatorKc = kc;
let operator: RunningOperator;
let operatorPort = 0;
let simMain: Simulator;
let simReserved: Simulator;
let simPayg: Simulator;
const relays: Relay[] = [];
/** Per relay, the operator port it forwards to (default: the first operator's). */
const relayTargets: (number | undefined)[] = [];
const sidecars: ClusterSidecar[] = [];
const cycle = billingCycleAt(Date.now());

/** A TCP relay to the operator's channel port whose open connections can be cut. */
interface Relay {
  readonly port: number;
  cut(): void;
  close(): Promise<void>;
}

async function startRelay(target: () => number): Promise<Relay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target(), '127.0.0.1');
    const pair = [client, upstream];
    for (const socket of pair) {
      sockets.add(socket);
      // Either side gone (an operator that is down refuses the connect): both go.
      socket.on('close', () => {
        sockets.delete(socket);
        for (const other of pair) other.destroy();
      });
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

const model = (name: string, input: string, output: string): unknown => ({
  name, capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: input, outputPerMillion: output },
});

function pool(): { kind: string; metadata: { name: string }; spec: unknown } {
  const endpoint = (name: string, sim: Simulator, models: unknown[], extra: Record<string, unknown> = {}): unknown => ({
    name, provider: 'openai', baseURL: `${sim.url}/v1`, inCluster: true, credentials: { secretRef: { name: 'sim-key' } }, models, ...extra,
  });
  return {
    kind: 'ProviderPool', metadata: { name: 'sims' }, spec: {
      endpoints: [
        endpoint('main', simMain, [model('gpt-4o-mini', '0.15', '0.6'), model('gpt-4o', '2.5', '10')]),
        endpoint('reserved', simReserved, [model('gpt-4.1-mini', '0.4', '1.6')], { commitment: { type: 'reserved', quotaPerCycle: '0.0003', cycle: { period: 'monthly' } } }),
        endpoint('payg', simPayg, [model('gpt-4.1-mini', '0.4', '1.6')]),
      ],
    },
  };
}

function route(name: string, targets: unknown[], defaultTarget?: string): { kind: string; metadata: { name: string }; spec: unknown } {
  return { kind: 'ModelRoute', metadata: { name }, spec: { match: { models: [name] }, targets, ...(defaultTarget === undefined ? {} : { semantic: { defaultTarget } }) } };
}

function budget(name: string, spec: Record<string, unknown>): { kind: string; metadata: { name: string }; spec: unknown } {
  return { kind: 'BudgetPolicy', metadata: { name }, spec: { window: { period: 'monthly' }, ...spec } };
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { usage?: { prompt_tokens: number; completion_tokens: number }; error?: { code: string } } & Record<string, unknown>;
}

async function ask(sidecar: ClusterSidecar, name: string, headers: Record<string, string> = {}, maxTokens = 50): Promise<Answer> {
  const response = await fetch(`${sidecar.sidecar.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: name, max_tokens: maxTokens, messages: [{ role: 'user', content: 'Tell me one short fact about owls, please.' }] }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() as Answer['body'] };
}

const hasBudget = (sidecar: ClusterSidecar, name: string): boolean => sidecar.sidecar.holder.current?.config.budgets.some((entry) => entry.name === name) ?? false;
/** Stops and restarts the operator; returns the most usage records the sidecars held unacknowledged meanwhile. */
/** Restarts the operator; returns the most usage records the sidecars held unacknowledged meanwhile (stop included: it drains). */
const restartOperator = async (): Promise<number> => {
  let pending = 0;
  const sample = setInterval(() => {
    pending = Math.max(pending, sidecars.reduce((sum, sidecar) => sum + sidecar.budget.outbox.backlog, 0));
  }, 10);
  await operator.stop();
  await new Promise((resolve) => setTimeout(resolve, 300));
  operator = await startTestOperator({ kc: operatorKc, stateNamespace: operatorNamespace, namespaces: [namespace], port: operatorPort });
  clearInterval(sample);
  return pending;
};

beforeAll(async () => {
  await installCrds();
  namespace = await createTestNamespace('e2e-budget');
  simMain = await startSimulator({ dialect: 'openai' });
  simReserved = await startSimulator({ dialect: 'openai' });
  simPayg = await startSimulator({ dialect: 'openai' });
  await createServiceAccount(kc, namespace, 'web');
  await createSecret(kc, namespace, 'sim-key', { apiKey: 'sk-sim-budget' });
  await applyResource(kc, namespace, pool());
  await applyResource(kc, namespace, route('chat', [{ name: 'mini', pool: 'sims', endpoint: 'main', model: 'gpt-4o-mini' }]));
  await applyResource(kc, namespace, route('premium', [
    { name: 'strong', pool: 'sims', endpoint: 'main', model: 'gpt-4o' }, { name: 'mini', pool: 'sims', endpoint: 'main', model: 'gpt-4o-mini' },
  ], 'strong'));
  await applyResource(kc, namespace, route('committed', [{ name: 'small', pool: 'sims', model: 'gpt-4.1-mini' }]));
  // Team and feature of each workload, for its usage records: the budgets that name them.
  for (const feature of ['chat', 'summarize']) {
    await applyResource(kc, namespace, budget(`search-${feature}`, { scope: { routes: ['committed'], teamLabel: 'team', team: 'search', featureLabel: 'feature', feature }, limit: '100' }));
  }
  const pods = await Promise.all(Array.from({ length: SIDECARS }, (_, i) => createSidecarPod(kc, namespace, `web-${i}`, 'web', { app: 'web', team: 'search', feature: i < 3 ? 'chat' : 'summarize' })));
  const identity = await operatorIdentity(kc);
  operatorKc = identity.kubeConfig;
  operatorNamespace = identity.namespace;
  operator = await startTestOperator({ kc: operatorKc, stateNamespace: operatorNamespace, namespaces: [namespace] });
  operatorPort = operator.channelPort;
  for (const pod of pods) {
    const index = relays.length;
    const relay = await startRelay(() => relayTargets[index] ?? operatorPort);
    relays.push(relay);
    const tokenFile = await writeToken(await boundToken(kc, pod, 'web'));
    const stateDir = await mkdtemp(join(tmpdir(), 'switchyard-budget-state-'));
    sidecars.push(await startMember(`https://127.0.0.1:${relay.port}`, `${namespace}/${pod.name}`, tokenFile, stateDir));
  }
  await waitFor(() => sidecars.every((sidecar) => sidecar.sidecar.holder.current?.config.routes.length === 3), 20_000, 20);
}, 180_000);

afterAll(async () => {
  await Promise.all(sidecars.map((sidecar) => sidecar.close(0)));
  await operator?.stop();
  await Promise.all([...relays.map((relay) => relay.close()), simMain?.close(), simReserved?.close(), simPayg?.close()]);
});

describe('200 concurrent requests against a budget worth 10, over 5 sidecars', () => {
  let predicted = 0;
  let limit = 0;
  const served: Answer[] = [];
  let records: UsageRecord[] = [];

  it('holds the bound through a channel cut and an operator restart, and records exactly what the simulator charged', async () => {
    const dryRun = await ask(sidecars[0]!, 'chat', { 'x-switchyard-dry-run': 'true' });
    predicted = (dryRun.body['predicted'] as { cost_micro_usd: number }).cost_micro_usd;
    limit = 10 * predicted;
    await applyResource(kc, namespace, budget('fleet', { scope: { routes: ['chat'] }, limit: formatMicroUsd(limit) }));
    await waitFor(() => sidecars.every((sidecar) => hasBudget(sidecar, 'fleet')), 20_000, 20);
    simMain.script({ always: true, latencyBeforeHeadersMs: 400 });

    const requests = Array.from({ length: REQUESTS }, (_, i) => ask(sidecars[i % SIDECARS]!, 'chat'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    relays[2]!.cut();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const restart = restartOperator();
    const answers = await Promise.all(requests);
    // Usage was waiting for the operator while it was away: the exact totals below include resends.
    expect(await restart).toBeGreaterThan(0);
    simMain.clearScripts();

    for (const answer of answers) {
      // Refused: the budget is spent (429), or the operator was away longer than a request waits (503, retryable).
      expect([200, 429, 503]).toContain(answer.status);
      if (answer.status === 200) served.push(answer);
      else expect(answer.body.error?.code).toBe(answer.status === 429 ? 'budget_exceeded' : 'allowance_unavailable');
    }
    expect(served.length).toBeGreaterThan(0);
    expect(answers.some((answer) => answer.status === 429)).toBe(true);

    // Every sidecar's usage reaches the restarted operator and is acknowledged.
    await waitFor(() => sidecars.every((sidecar) => sidecar.budget.outbox.backlog === 0), 30_000, 50);
    const charged = served.reduce((sum, answer) => sum + costMicroUsd({
      input: answer.body.usage!.prompt_tokens, cachedInput: 0, cacheWrite: 0, output: answer.body.usage!.completion_tokens, reasoning: 0,
    }, MINI), 0);
    const account = await operator.budgets.accounts.read({ kind: 'budget', namespace, name: 'fleet' }, windowAt({ period: 'monthly', anchorDay: 1 }, Date.now()));
    records = (await operator.budgets.usage.read(namespace, cycle)).filter((record) => record.route === 'chat');
    expect(account.spentMicroUsd).toBe(charged);
    expect(records).toHaveLength(served.length);
    expect(records.reduce((sum, record) => sum + record.costMicroUsd, 0)).toBe(charged);
    expect(new Set(records.map((record) => record.requestId)).size).toBe(served.length);

    // The documented bound: spend ≤ limit + Σ (actual − reserved)⁺; grants never pass the limit.
    const excess = records.reduce((sum, record) => sum + Math.max(0, record.costMicroUsd - record.predictedMicroUsd), 0);
    expect(account.spentMicroUsd).toBeLessThanOrEqual(limit + excess);
    const granted = Object.values(account.sources).reduce((sum, source) => sum + source.granted, 0);
    expect(granted).toBeLessThanOrEqual(limit);
    // A budget_exceeded refusal means the operator had nothing left to grant: all of it was handed out.
    expect(committedOf(account)).toBeGreaterThanOrEqual(limit);
    expect(committedOf(account)).toBeLessThanOrEqual(limit + excess);
    // No sidecar spent past what it was granted (no negative balance).
    for (const sidecar of sidecars) {
      const book = sidecar.budget.balances().get('fleet');
      if (book === undefined) continue;
      expect(book.reserved).toBe(0);
      expect(book.granted - book.settled).toBeGreaterThanOrEqual(-excess);
    }
    const unavailable = answers.filter((answer) => answer.status === 503).length;
    console.log(`budget fleet: limit ${limit} µ$ (10 × ${predicted} predicted), served ${served.length}/${REQUESTS}, refused ${REQUESTS - served.length - unavailable} (budget) + ${unavailable} (operator away), spent ${account.spentMicroUsd} µ$, excess ${excess} µ$, granted ${granted} µ$`);

    await waitFor(async () => {
      const object = await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'switchyard.dev', version: 'v1alpha1', namespace, plural: 'budgetpolicies', name: 'fleet' }) as { status?: Record<string, unknown> };
      return object.status?.['spent'] === formatMicroUsd(charged) && object.status['window'] === cycle && object.status['limit'] === formatMicroUsd(limit);
    }, 15_000, 100);
  });

  it('exports per-request records whose totals per team and feature add up', async () => {
    const csv = await exportUsage({ kubeConfig: operatorKc, operatorNamespace, namespace, cycle, output: 'csv' });
    const [header, ...rows] = csv.trim().split('\n');
    const columns = header!.split(',');
    const at = (row: string[], column: string): string => row[columns.indexOf(column)]!;
    const exported = rows.map((line) => line.split(',')).filter((row) => at(row, 'route') === 'chat');
    expect(exported).toHaveLength(records.length);
    const sums = new Map<string, number>();
    for (const row of exported) sums.set(`${at(row, 'team')}/${at(row, 'feature')}`, (sums.get(`${at(row, 'team')}/${at(row, 'feature')}`) ?? 0) + Number(at(row, 'costMicroUsd')));
    const totals = totalsByTeamAndFeature(records);
    expect(totals.map((total) => total.team)).toEqual(totals.map(() => 'search'));
    expect(new Set(totals.map((total) => total.feature))).toEqual(new Set(['chat', 'summarize']));
    for (const total of totals) expect(sums.get(`${total.team}/${total.feature}`)).toBe(total.costMicroUsd);
    expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(records.reduce((sum, record) => sum + record.costMicroUsd, 0));

    const text = await exportUsage({ kubeConfig: operatorKc, operatorNamespace, namespace, cycle, output: 'totals' });
    for (const total of totals.filter((entry) => entry.requests > 0)) expect(text).toContain(`${total.team},${total.feature},`);
  });
});

describe('the per-request maximum, end to end', () => {
  beforeAll(async () => {
    const capped = { routes: ['premium'], header: { name: 'x-mode' } };
    await applyResource(kc, namespace, budget('premium-downgrade', { scope: { ...capped, header: { name: 'x-mode', value: 'downgrade' } }, limit: '10', maxRequestCost: '0.0002', onExceed: 'downgrade' }));
    await applyResource(kc, namespace, budget('premium-reject', { scope: { ...capped, header: { name: 'x-mode', value: 'reject' } }, limit: '10', maxRequestCost: '0.0002', onExceed: 'reject' }));
    await waitFor(() => sidecars.every((sidecar) => hasBudget(sidecar, 'premium-downgrade') && hasBudget(sidecar, 'premium-reject')), 20_000, 20);
  });

  it('downgrades to the cheapest target that fits when the budget says downgrade', async () => {
    const answer = await ask(sidecars[1]!, 'premium', { 'x-mode': 'downgrade' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-switchyard-budget')).toBe('downgraded');
    expect(answer.headers.get('x-switchyard-target')).toBe('mini');
    expect(simMain.requests.at(-1)?.model).toBe('gpt-4o-mini');
  });

  it('refuses with a clear error and no retry when the budget says reject', async () => {
    const before = simMain.requests.length;
    const answer = await ask(sidecars[3]!, 'premium', { 'x-mode': 'reject' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('request_cost_exceeded');
    expect(answer.headers.get('x-should-retry')).toBe('false');
    expect(answer.headers.get('x-switchyard-budget')).toBe('rejected');
    expect(simMain.requests.length).toBe(before);
  });
});

describe('two operator replicas, sidecars connected to either', () => {
  let second: RunningOperator | undefined;

  afterAll(async () => {
    for (const index of [3, 4]) relayTargets[index] = undefined;
    await second?.stop();
    await waitFor(() => operator.hub.connectionCount === SIDECARS, 20_000, 20);
  });

  it('share one ledger: spend recorded exactly once, grants within the limit', async () => {
    second = await startTestOperator({ kc: operatorKc, identity: 'replica-b', stateNamespace: operatorNamespace, namespaces: [namespace] });
    await applyResource(kc, namespace, route('replicated', [{ name: 'mini', pool: 'sims', endpoint: 'main', model: 'gpt-4o-mini' }]));
    const dryRun = await ask(sidecars[0]!, 'chat', { 'x-switchyard-dry-run': 'true' });
    const limit = 10 * (dryRun.body['predicted'] as { cost_micro_usd: number }).cost_micro_usd;
    await applyResource(kc, namespace, budget('replicas', { scope: { routes: ['replicated'] }, limit: formatMicroUsd(limit) }));
    for (const index of [3, 4]) {
      relayTargets[index] = second.channelPort;
      relays[index]!.cut();
    }
    await waitFor(() => second!.hub.connectionCount === 2 && sidecars.every((sidecar) => hasBudget(sidecar, 'replicas')), 20_000, 20);

    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => ask(sidecars[i % SIDECARS]!, 'replicated')));
    const served = answers.filter((answer) => answer.status === 200);
    expect(answers.every((answer) => answer.status === 200 || answer.body.error?.code === 'budget_exceeded')).toBe(true);
    expect(served.length).toBeGreaterThan(0);
    await waitFor(() => sidecars.every((sidecar) => sidecar.budget.outbox.backlog === 0), 20_000, 50);
    const charged = served.reduce((sum, answer) => sum + costMicroUsd({
      input: answer.body.usage!.prompt_tokens, cachedInput: 0, cacheWrite: 0, output: answer.body.usage!.completion_tokens, reasoning: 0,
    }, MINI), 0);
    const span = windowAt({ period: 'monthly', anchorDay: 1 }, Date.now());
    const [viaFirst, viaSecond] = await Promise.all([operator, second].map((replica) => replica.budgets.accounts.read({ kind: 'budget', namespace, name: 'replicas' }, span)));
    expect(viaFirst).toEqual(viaSecond);
    expect(viaFirst!.spentMicroUsd).toBe(charged);
    const records = (await operator.budgets.usage.read(namespace, cycle)).filter((record) => record.route === 'replicated');
    expect(records).toHaveLength(served.length);
    const excess = records.reduce((sum, record) => sum + Math.max(0, record.costMicroUsd - record.predictedMicroUsd), 0);
    expect(viaFirst!.spentMicroUsd).toBeLessThanOrEqual(limit + excess);
    expect(Object.values(viaFirst!.sources).reduce((sum, source) => sum + source.granted, 0)).toBeLessThanOrEqual(limit);
  });
});

describe('reserved quota first', () => {
  it('uses the reserved endpoint until its quota is spent across sidecars, then pay-as-you-go, shown in status and metrics', async () => {
    const endpoints: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const before = { reserved: simReserved.requests.length, payg: simPayg.requests.length };
      const answer = await ask(sidecars[i % SIDECARS]!, 'committed');
      expect(answer.status).toBe(200);
      endpoints.push(simReserved.requests.length > before.reserved ? 'reserved' : simPayg.requests.length > before.payg ? 'payg' : '?');
      // Traffic the reports keep up with: each request's usage is applied before the next starts.
      await waitFor(() => sidecars.every((sidecar) => sidecar.budget.outbox.backlog === 0), 10_000, 5);
    }
    expect(endpoints[0]).toBe('reserved');
    expect(endpoints.at(-1)).toBe('payg');
    // Once switched, it stays switched: the quota does not come back within the cycle.
    expect(endpoints.slice(endpoints.lastIndexOf('reserved') + 1).every((endpoint) => endpoint === 'payg')).toBe(true);
    await waitFor(() => sidecars.every((sidecar) => sidecar.budget.outbox.backlog === 0), 10_000, 50);
    const onReserved = (await operator.budgets.usage.read(namespace, cycle)).filter((record) => record.endpoint === 'sims/reserved');
    const spent = onReserved.reduce((sum, record) => sum + record.costMicroUsd, 0);
    const largest = Math.max(...onReserved.map((record) => record.costMicroUsd));
    expect(onReserved.every((record) => record.commitment === 'reserved')).toBe(true);
    expect(spent).toBeGreaterThanOrEqual(300);
    // Counted across sidecars: past the quota only by the request that crossed it (each sidecar alone
    // would have spent the whole quota: 5 × 300).
    expect(spent).toBeLessThan(300 + largest);

    await waitFor(async () => {
      const object = await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'switchyard.dev', version: 'v1alpha1', namespace, plural: 'providerpools', name: 'sims' }) as { status?: { endpoints?: { name: string; quotaRemaining?: string }[] } };
      return object.status?.endpoints?.find((entry) => entry.name === 'reserved')?.quotaRemaining === '0.00';
    }, 15_000, 100);
    const metric = await operator.metrics.registry.getSingleMetric('switchyard_operator_endpoint_quota_remaining_micro_usd')?.get();
    expect(metric?.values.find((value) => value.labels['endpoint'] === 'sims/reserved')?.value).toBe(0);
  });
});
