// A BudgetPolicy that fails its checks must not leave its requests unlimited: compile keeps it in
// the config as a broken budget over the routes (and header) it names, as far as readable.
import { describe, expect, it } from '@jest/globals';
import type { SwitchyardResource } from '../api/types.js';
import { compile } from './compile.js';

const pool = {
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'p' },
  spec: { endpoints: [{ name: 'e', provider: 'openai', baseURL: 'https://api.openai.com/v1', models: [{ name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.6' } }] }] },
};
const route = (name: string) => ({
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name },
  spec: { match: { models: [name] }, targets: [{ name: 't', pool: 'p', model: 'gpt-4o-mini' }] },
});
const budget = (spec: unknown) => ({ apiVersion: 'switchyard.dev/v1alpha1', kind: 'BudgetPolicy', metadata: { name: 'b' }, spec });

function compiledBudget(spec: unknown, workload?: { name: string; labels: Record<string, string> }) {
  const resources = [pool, route('chat'), route('batch'), budget(spec)] as unknown as SwitchyardResource[];
  const result = compile({ namespace: 'ns', resources, secrets: [], ...(workload === undefined ? {} : { workload }) });
  return result.config?.budgets.find((entry) => entry.name === 'b');
}

describe('a budget with a finding fails closed', () => {
  it.each([
    ['an invalid limit covers the routes it names', { scope: { routes: ['chat'] }, window: { period: 'daily' }, limit: 'lots' }, ['chat'], null],
    ['a missing route still covers the ones that exist', { scope: { routes: ['chat', 'nope'] }, window: { period: 'daily' }, limit: '5' }, ['chat'], null],
    ['an unreadable scope covers every route', { scope: 'everything', window: { period: 'daily' }, limit: '5' }, ['batch', 'chat'], null],
    ['a header scope stays a header scope', { scope: { header: { name: 'X-Team', value: 'a' }, routes: ['batch'] }, window: { period: 'weekly' }, limit: '5' }, ['batch'], { name: 'x-team', value: 'a' }],
  ])('%s', (_name, spec, routes, header) => {
    const compiled = compiledBudget(spec);
    expect(compiled?.broken).toMatch(/^BudgetPolicy b is invalid/);
    expect(compiled?.scope.routes).toEqual(routes);
    expect(compiled?.scope.header).toEqual(header);
    expect(compiled?.limitMicroUsd).toBe(0);
  });

  it('is left out of a workload its pod labels exclude, like a valid one', () => {
    const spec = { scope: { teamLabel: 'team', team: 'a', routes: ['chat'] }, window: { period: 'daily' }, limit: 'lots' };
    expect(compiledBudget(spec, { name: 'w', labels: { team: 'b' } })).toBeUndefined();
    expect(compiledBudget(spec, { name: 'w', labels: { team: 'a' } })?.broken).not.toBeNull();
  });
});

describe('a valid budget', () => {
  it('names the team and feature its usage is charged to', () => {
    const spec = { scope: { teamLabel: 'team', team: 'search', featureLabel: 'feature', feature: 'chat' }, window: { period: 'monthly', anchorDay: 5 }, limit: '12.5' };
    expect(compiledBudget(spec, { name: 'w', labels: { team: 'search', feature: 'chat' } })).toMatchObject({
      broken: null, limitMicroUsd: 12_500_000, window: { period: 'monthly', anchorDay: 5 }, attribution: { team: 'search', feature: 'chat' }, scope: { routes: ['batch', 'chat'], podLabels: [] },
    });
  });
});
