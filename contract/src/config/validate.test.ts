import { describe, expect, it } from '@jest/globals';
import type { SwitchyardResource } from '../api/types.js';
import { compile } from '../compile/compile.js';
import { computeConfigVersion } from '../version.js';
import { sidecarConfigSchema } from './schema.js';
import type { SidecarConfig } from './types.js';
import { validateSidecarConfig } from './validate.js';

const resources = [
  {
    apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'main' },
    spec: { endpoints: [{ name: 'openai', provider: 'openai', baseURL: 'https://api.openai.com/v1', models: [
      { name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.6' } },
    ] }] },
  },
  {
    apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'chat' },
    spec: { match: { models: ['chat'] }, targets: [{ name: 'mini', pool: 'main', model: 'gpt-4o-mini' }] },
  },
] as SwitchyardResource[];

function compiled(): SidecarConfig {
  const { config } = compile({ namespace: 'team-a', resources, secrets: [] });
  if (!config) throw new Error('fixture does not compile');
  return config;
}

/** Edits a copy and re-stamps its version, so only the edit is under test. */
function edited(edit: (config: Record<string, unknown>) => void): SidecarConfig {
  const copy = structuredClone(compiled()) as unknown as Record<string, unknown>;
  edit(copy);
  return { ...copy, version: computeConfigVersion(copy as unknown as SidecarConfig) } as unknown as SidecarConfig;
}

describe('validateSidecarConfig', () => {
  it('accepts a compiled config', () => {
    const config = compiled();
    expect(validateSidecarConfig(config)).toEqual({ ok: true, config });
  });

  it.each([
    ['an unknown field, naming it', (c: Record<string, unknown>) => { c['extra'] = 1; }, 'extra: is not a known field'],
    ['an unknown schema version', (c: Record<string, unknown>) => { c['schemaVersion'] = 2; }, 'schemaVersion: must be 1'],
    ['a fractional micro-dollar price', (c: Record<string, unknown>) => {
      (c['routes'] as { targets: { backends: { pricing: { inputMicroUsdPerMillion: number } }[] }[] }[])[0]!.targets[0]!.backends[0]!.pricing.inputMicroUsdPerMillion = 1.5;
    }, 'routes[0].targets[0].backends[0].pricing.inputMicroUsdPerMillion: must be integer'],
    ['a missing field', (c: Record<string, unknown>) => { delete c['budgets']; }, 'budgets: is required'],
    ['an unknown provider', (c: Record<string, unknown>) => {
      (c['endpoints'] as { provider: string }[])[0]!.provider = 'bedrock';
    }, 'endpoints[0].provider: must be one of openai, azure-openai, anthropic, gemini, openai-compatible'],
    ['a route with no targets', (c: Record<string, unknown>) => {
      (c['routes'] as { targets: unknown[] }[])[0]!.targets = [];
    }, 'routes[0].targets: must NOT have fewer than 1 items'],
  ])('refuses %s', (_sentence, edit, message) => {
    const result = validateSidecarConfig(edited(edit));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain(message);
  });

  it('refuses a config edited after compile (version no longer matches)', () => {
    const tampered = structuredClone(compiled());
    tampered.routes[0]!.retry.maxAttempts = 10;
    const result = validateSidecarConfig(tampered);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^version: sha256:[0-9a-f]{16} does not match the content/);
  });

  it('refuses what is not an object', () => {
    expect(validateSidecarConfig('{}')).toEqual({ ok: false, errors: ['(root): must be object'] });
  });
});

describe('sidecarConfigSchema', () => {
  /** Every node of the schema tree with the JSON pointer that reaches it. */
  function* nodes(node: unknown, path = '#'): Generator<[string, Record<string, unknown>]> {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) yield* nodes(item, `${path}/${index}`);
      return;
    }
    const record = node as Record<string, unknown>;
    if ('type' in record || 'const' in record) yield [path, record];
    for (const [key, value] of Object.entries(record)) yield* nodes(value, `${path}/${key}`);
  }

  it.each([
    ['closes every object', (n: Record<string, unknown>) => n['type'] !== 'object' || n['additionalProperties'] === false],
    ['bounds every array', (n: Record<string, unknown>) => n['type'] !== 'array' || typeof n['maxItems'] === 'number'],
    ['bounds every string', (n: Record<string, unknown>) => n['type'] !== 'string' || typeof n['maxLength'] === 'number' || Array.isArray(n['enum'])],
    ['bounds every number', (n: Record<string, unknown>) => (n['type'] !== 'integer' && n['type'] !== 'number')
      || (typeof n['minimum'] === 'number' && typeof n['maximum'] === 'number')],
  ])('%s', (_sentence, holds) => {
    const offenders = [...nodes(sidecarConfigSchema)].filter(([, node]) => !holds(node)).map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it('declares draft 2020-12', () => {
    expect(sidecarConfigSchema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
