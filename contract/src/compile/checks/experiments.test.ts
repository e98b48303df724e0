// Experiments through compile: what the sidecar gets, and each way a spec can be wrong.
import { describe, expect, it } from '@jest/globals';
import type { Experiment, SwitchyardResource } from '../../api/types.js';
import { compile } from '../compile.js';

const pool = {
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'main' },
  spec: { endpoints: [{ name: 'openai', provider: 'openai', baseURL: 'https://api.openai.com/v1', models: [
    { name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.6' } },
    { name: 'gpt-4o', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '2.5', outputPerMillion: '10' } },
  ] }] },
} as SwitchyardResource;

function route(experiments: readonly Partial<Experiment>[]): SwitchyardResource {
  return {
    apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'chat' },
    spec: {
      match: { models: ['chat'] },
      targets: [{ name: 'mini', pool: 'main', model: 'gpt-4o-mini' }, { name: 'big', pool: 'main', model: 'gpt-4o' }],
      semantic: { intents: [{ name: 'triage', requiredTier: 1, examples: ['Where is my order?'] }, { name: 'code', requiredTier: 1, examples: ['Fix this loop'] }] },
      experiments,
    },
  } as SwitchyardResource;
}

const ab = (more: Partial<Experiment> = {}): Partial<Experiment> => ({
  name: 'ab', intent: 'triage', variants: [{ name: 'control', target: 'mini', weight: 90 }, { name: 'candidate', target: 'big', weight: 10 }], ...more,
});

describe('experiments in compile', () => {
  it('fills the sidecar config: variants in declared order, lower-case sticky header, evaluator with nulls', () => {
    const result = compile({ namespace: 'a', resources: [pool, route([
      ab({ sticky: 'header', stickyHeader: 'X-Tenant', evaluator: { type: 'judge', judgeTarget: 'big' } }),
      ab({ name: 'whole', intent: undefined, variants: [{ name: 'b', target: 'big', weight: 1 }, { name: 'a', target: 'mini', weight: 3 }] }),
    ])], secrets: [] });
    expect(result.findings).toEqual([]);
    expect(result.config?.routes[0]?.experiments).toEqual([
      {
        name: 'ab', intent: 'triage', sticky: 'header', stickyHeader: 'x-tenant',
        variants: [{ name: 'control', target: 'mini', weight: 90 }, { name: 'candidate', target: 'big', weight: 10 }],
        evaluator: { type: 'judge', judgeTarget: 'big', expectContains: null },
      },
      {
        name: 'whole', intent: null, sticky: 'none', stickyHeader: null, evaluator: null,
        variants: [{ name: 'b', target: 'big', weight: 1 }, { name: 'a', target: 'mini', weight: 3 }],
      },
    ]);
  });

  it.each([
    ['a variant naming a target the route lacks', [ab({ variants: [{ name: 'a', target: 'gone', weight: 100 }] })], 'TargetNotFound', 'variant "a": target "gone"'],
    ['a judge naming a target the route lacks', [ab({ evaluator: { type: 'judge', judgeTarget: 'gone' } })], 'TargetNotFound', 'judge: target "gone"'],
    ['an intent the route does not declare', [ab({ intent: 'poetry' })], 'IntentNotFound', 'intent "poetry"'],
    ['every variant at weight 0', [ab({ variants: [{ name: 'a', target: 'mini', weight: 0 }, { name: 'b', target: 'big', weight: 0 }] })], 'InvalidValue', 'every variant has weight 0'],
    ['sticky by header without the header', [ab({ sticky: 'header' })], 'InvalidValue', 'needs stickyHeader'],
    ['a judge evaluator without its target', [ab({ evaluator: { type: 'judge' } })], 'InvalidValue', 'needs judgeTarget'],
    ['an expected-answer evaluator without the text', [ab({ evaluator: { type: 'expected-answer' } })], 'InvalidValue', 'needs expectContains'],
    ['two experiments on one intent', [ab(), ab({ name: 'again' })], 'InvalidValue', 'experiments "ab" and "again" both split intent "triage"'],
    ['two experiments on the whole route', [ab({ intent: undefined }), ab({ name: 'again', intent: undefined })], 'InvalidValue', 'both split every request of the route'],
    ['two variants sharing a name', [ab({ variants: [{ name: 'a', target: 'mini', weight: 50 }, { name: 'a', target: 'big', weight: 50 }] })], 'DuplicateName', 'variant'],
  ])('refuses the route for %s', (_sentence, experiments, reason, message) => {
    const result = compile({ namespace: 'a', resources: [pool, route(experiments)], secrets: [] });
    expect(result.config?.routes).toEqual([]);
    expect(result.findings).toContainEqual(expect.objectContaining({ name: 'chat', reason, message: expect.stringContaining(message) }));
  });
});
