// compile() as a whole, beyond the golden files: input errors and the guarantees callers rely on.
import { describe, expect, it } from '@jest/globals';
import type { SwitchyardResource } from '../api/types.js';
import { compile } from './compile.js';

const pool = {
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'main' },
  spec: { endpoints: [{ name: 'openai', provider: 'openai', baseURL: 'https://api.openai.com/v1', models: [
    { name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.6' } },
  ] }] },
} as SwitchyardResource;

function route(name: string, spec: Record<string, unknown>): SwitchyardResource {
  return { apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name },
    spec: { match: { models: [name] }, targets: [{ name: 'mini', pool: 'main', model: 'gpt-4o-mini' }], ...spec } } as SwitchyardResource;
}

describe('compile', () => {
  it.each([
    ['a namespace that is not a DNS label', { namespace: 'Team_A' }, 'namespace "Team_A" is not a DNS label'],
    ['an empty workload name', { namespace: 'a', workload: { name: '', labels: {} } }, 'workload name must be 1-253 characters'],
  ])('returns no config for %s', (_sentence, input, error) => {
    const result = compile({ resources: [], secrets: [], ...input });
    expect(result.config).toBeNull();
    expect(result.errors).toEqual([error]);
  });

  it('compiles an empty namespace to an empty, valid config (a sidecar then serves nothing)', () => {
    const result = compile({ namespace: 'a', resources: [], secrets: [] });
    expect(result.errors).toEqual([]);
    expect(result.config).toMatchObject({ routes: [], endpoints: [], aliases: [], budgets: [], secretRefs: [] });
  });

  it('leaves a route with a finding out whole, keeping the rest', () => {
    const result = compile({ namespace: 'a', resources: [pool, route('good', {}), route('bad', { useCases: [{ name: 'x', targets: ['mini', 'mini'] }] })], secrets: [] });
    expect(result.config?.routes.map((compiled) => compiled.name)).toEqual(['good']);
    expect(result.findings).toEqual([expect.objectContaining({ name: 'bad', reason: 'DuplicateName' })]);
  });

  it('gives every resource of the namespace a verdict of three conditions', () => {
    const result = compile({ namespace: 'a', resources: [pool, route('good', {})], secrets: [] });
    expect(result.resourceStatus.map((status) => [status.kind, status.name, status.conditions.map((c) => `${c.type}=${c.status}`)])).toEqual([
      ['ModelRoute', 'good', ['ResolvedRefs=True', 'Accepted=True', 'Ready=True']],
      ['ProviderPool', 'main', ['ResolvedRefs=True', 'Accepted=True', 'Ready=True']],
    ]);
  });

  it('ignores what is not one of its kinds', () => {
    const stray = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } as unknown as SwitchyardResource;
    expect(compile({ namespace: 'a', resources: [stray, null as unknown as SwitchyardResource], secrets: [] }).resourceStatus).toEqual([]);
  });
});
