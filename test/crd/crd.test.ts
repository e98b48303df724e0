// The CRDs in crds/ against a real kube-apiserver: they install, the examples apply, kubectl get
// and explain answer usefully, defaults land, and every invalid fixture is refused with its error.
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { createTestNamespace, kubectl, waitFor } from '../support/cluster.js';
import { readInvalidFixtures } from './fixtures.js';
import { explainableFields, readCrds, repoRoot } from './schema.js';

// jest.config.js sets testTimeout per project, where jest ignores it; kubectl calls need more than 5 s.
jest.setTimeout(60_000);

const crds = readCrds();
const examplesDir = new URL('examples/', repoRoot);
const examples = readdirSync(examplesDir).filter((file) => file.endsWith('.yaml')).sort();

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

async function run(args: readonly string[], stdin?: string): Promise<string> {
  const result = await kubectl(args, stdin === undefined ? {} : { stdin });
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

let namespace = '';

beforeAll(async () => {
  // Other suites may install the same CRDs concurrently; identical content makes the force harmless.
  await run(['apply', '--server-side', '--force-conflicts', '--field-manager=switchyard-crd-test',
    '-f', new URL('crds/', repoRoot).pathname]);
  await run(['wait', '--for=condition=Established', '--timeout=60s',
    ...crds.map((crd) => `crd/${crd.plural}.switchyard.dev`)]);
  // The OpenAPI that kubectl explain reads is published a moment after Established.
  await waitFor(async () => (await kubectl(['explain', 'budgetpolicy.spec.window'])).code === 0, 30_000);
  namespace = await createTestNamespace('crd');
}, 120_000);

describe('the examples', () => {
  it.each(examples.map((file) => [`examples/${file} applies cleanly to a fresh namespace`, file]))('%s', async (_name, file) => {
    const result = await kubectl(['apply', '-n', namespace, '-f', new URL(file, examplesDir).pathname]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('kubectl get', () => {
  beforeAll(async () => {
    await run(['apply', '-n', namespace, '-f', examplesDir.pathname]);
  });

  function headers(stdout: string): string[] {
    return stdout.split('\n').filter((line) => line.startsWith('NAME')).map(squash);
  }

  it('prints the printer columns of all three kinds', async () => {
    const stdout = await run(['get', '-n', namespace, 'providerpools,modelroutes,budgetpolicies']);
    expect(headers(stdout)).toEqual([
      'NAME READY ENDPOINTS AGE',
      'NAME READY SYNCED MODEL AGE',
      'NAME SPENT LIMIT WINDOW READY AGE',
    ]);
  });

  it('fills READY, SYNCED, ENDPOINTS, SPENT and WINDOW from status and MODEL, LIMIT from spec', async () => {
    const ready = { type: 'Ready', status: 'True', reason: 'Reconciled', message: '', lastTransitionTime: '2026-11-28T13:00:00Z' };
    const patches: [string, object][] = [
      ['providerpool/llm-providers', { conditions: [ready], health: '6/6 healthy' }],
      ['modelroute/chat', { conditions: [ready], synced: '7/8', sidecars: { synced: 7, total: 8 } }],
      ['budgetpolicy/team-checkout', { conditions: [ready], spent: '123.45', limit: '500', window: '2026-11' }],
    ];
    for (const [object, status] of patches) {
      await run(['patch', '-n', namespace, object, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
    }
    const rows = (await run(['get', '-n', namespace, 'providerpool/llm-providers', 'modelroute/chat', 'budgetpolicy/team-checkout',
      '--no-headers'])).split('\n').map(squash).filter(Boolean);
    expect(rows).toEqual([
      expect.stringMatching(/^providerpool\.switchyard\.dev\/llm-providers True 6\/6 healthy \S+$/),
      expect.stringMatching(/^modelroute\.switchyard\.dev\/chat True 7\/8 chat \S+$/),
      expect.stringMatching(/^budgetpolicy\.switchyard\.dev\/team-checkout 123\.45 500 2026-11 True \S+$/),
    ]);
  });

  it.each([
    ['the switchyard category lists every kind', ['switchyard']],
    ['the short names ppool, mroute and budget resolve', ['ppool,mroute,budget']],
    ['the short names pp, mr and bp resolve', ['pp,mr,bp']],
  ])('%s', async (_name, resources) => {
    const names = (await run(['get', '-n', namespace, ...resources, '-o', 'name'])).split('\n').filter(Boolean).sort();
    expect(names).toEqual([
      'budgetpolicy.switchyard.dev/feature-summaries',
      'budgetpolicy.switchyard.dev/team-checkout',
      'modelroute.switchyard.dev/chat',
      'providerpool.switchyard.dev/llm-providers',
    ]);
  });

  it('keeps the kinds out of the all category', async () => {
    const stdout = await run(['get', '-n', namespace, 'all', '-o', 'name']);
    expect(stdout).not.toMatch(/switchyard\.dev/);
  });
});

describe('kubectl explain', () => {
  const rows = crds.flatMap((crd) => explainableFields(crd)).map((field) => [
    `${field.path} describes itself and every field inside it`, field,
  ] as const);

  it.each(rows)('%s', async (_name, field) => {
    for (const description of field.expected) expect(description).not.toBe('');
    const printed = squash(await run(['explain', field.path]));
    for (const description of field.expected) expect(printed).toContain(squash(description));
  });
});

describe('schema defaults', () => {
  const minimal: Record<string, object> = {
    ProviderPool: {
      endpoints: [{
        name: 'vllm', provider: 'openai-compatible', baseURL: 'http://vllm:8000/v1', inCluster: true,
        credentials: { secretRef: { name: 'vllm-token' } },
        models: [{ name: 'qwen', capabilities: { contextWindowTokens: 32768 }, pricing: { inputPerMillion: '0', outputPerMillion: '0' } }],
        commitment: { cycle: { period: 'monthly' } },
      }],
    },
    ModelRoute: {
      match: { models: ['chat'] },
      targets: [{ name: 'fast', pool: 'llm-providers', model: 'gpt-4o-mini' }],
      semantic: {},
      retry: {},
      logging: { hashKeySecretRef: { name: 'log-hmac' } },
    },
    BudgetPolicy: { scope: {}, window: { period: 'monthly' }, limit: '10' },
  };
  const defaulted = new Map<string, unknown>();

  beforeAll(async () => {
    for (const [kind, spec] of Object.entries(minimal)) {
      const object = { apiVersion: 'switchyard.dev/v1alpha1', kind, metadata: { name: 'defaults', namespace }, spec };
      const stdout = await run(['create', '--dry-run=server', '-o', 'json', '-f', '-'], JSON.stringify(object));
      defaulted.set(kind, (JSON.parse(stdout) as { spec: unknown }).spec);
    }
  });

  function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
    return path.reduce<unknown>((current, key) =>
      typeof current === 'object' && current !== null ? (current as Record<string | number, unknown>)[key] : undefined, value);
  }

  it.each([
    ['an endpoint flavor defaults to generic', 'ProviderPool', ['endpoints', 0, 'flavor'], 'generic'],
    ['a secret key defaults to apiKey', 'ProviderPool', ['endpoints', 0, 'credentials', 'secretRef', 'key'], 'apiKey'],
    ['a model streams by default', 'ProviderPool', ['endpoints', 0, 'models', 0, 'capabilities', 'streaming'], true],
    ['a commitment defaults to pay-as-you-go', 'ProviderPool', ['endpoints', 0, 'commitment', 'type'], 'pay-as-you-go'],
    ['a monthly cycle starts on day 1 by default', 'ProviderPool', ['endpoints', 0, 'commitment', 'cycle', 'anchorDay'], 1],
    ['the use-case header defaults to x-switchyard-use-case', 'ModelRoute', ['match', 'useCaseHeader'], 'x-switchyard-use-case'],
    ['retries make 3 attempts by default', 'ModelRoute', ['retry', 'maxAttempts'], 3],
    ['the retry deadline defaults to 30 seconds', 'ModelRoute', ['retry', 'deadlineSeconds'], 30],
    ['the retry budget defaults to 20 percent', 'ModelRoute', ['retry', 'budgetPercent'], 20],
    ['one retry per second is always allowed by default', 'ModelRoute', ['retry', 'minRetriesPerSecond'], 1],
    ['the intent confidence threshold defaults to 0.5', 'ModelRoute', ['semantic', 'minConfidence'], '0.5'],
    ['the log hash key defaults to key apiKey', 'ModelRoute', ['logging', 'hashKeySecretRef', 'key'], 'apiKey'],
    ['a budget rejects by default when exceeded', 'BudgetPolicy', ['onExceed'], 'reject'],
    ['a monthly budget window starts on day 1 by default', 'BudgetPolicy', ['window', 'anchorDay'], 1],
  ] as const)('%s', (_name, kind, path, value) => {
    expect(valueAt(defaulted.get(kind), path)).toEqual(value);
  });
});

describe('invalid manifests', () => {
  const fixtures = readInvalidFixtures();

  it('cover every kind', () => {
    expect(new Set(fixtures.map((fixture) => fixture.id.split('/')[0]))).toEqual(new Set(['providerpool', 'modelroute', 'budgetpolicy']));
  });

  it.each(fixtures.map((fixture) => [`${fixture.id} is refused: ${fixture.why}`, fixture] as const))('%s', async (_name, fixture) => {
    const result = await kubectl(['apply', '--dry-run=server', '-n', namespace, '-f', fixture.path]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(fixture.expect);
  });
});
