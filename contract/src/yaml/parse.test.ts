import { describe, expect, it } from '@jest/globals';
import { parseResources } from './parse.js';
import { secretKeysOf } from './secrets.js';

const POOL = `
apiVersion: switchyard.dev/v1alpha1
kind: ProviderPool
metadata: { name: main, namespace: team-a }
spec:
  endpoints:
    - name: openai
      provider: openai
      baseURL: https://api.openai.com/v1
      models:
        - name: gpt-4o-mini
          capabilities: { contextWindowTokens: 128000 }
          pricing: { inputPerMillion: "0.15", outputPerMillion: "0.6" }
`;

function route(spec: string): string {
  return `apiVersion: switchyard.dev/v1alpha1\nkind: ModelRoute\nmetadata: { name: chat }\nspec:\n${spec}`;
}

function messages(text: string): string[] {
  return parseResources(text, 'test.yaml').errors.map((error) => error.message);
}

describe('parseResources', () => {
  it('reads every document of a stream, skipping empty ones and other API groups', () => {
    const text = [POOL, '', route('  match: { models: [chat] }\n  targets: [{ name: a, pool: main, model: gpt-4o-mini }]'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }'].join('\n---\n');
    const parsed = parseResources(text, 'test.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.resources.map((resource) => `${resource.kind}/${resource.metadata.name}`)).toEqual(['ProviderPool/main', 'ModelRoute/chat']);
  });

  it.each([
    ['a field of the wrong type', route('  match: { models: [chat] }\n  targets: [{ name: a, pool: 7, model: m }]'),
      'modelroute/chat spec.targets[0].pool: must be string'],
    ['a missing required field', route('  targets: [{ name: a, pool: main, model: m }]'), 'modelroute/chat spec.match: is required'],
    ['a misspelt field', route('  match: { models: [chat] }\n  targets: [{ name: a, pool: main, model: m }]\n  retries: {}'),
      'modelroute/chat spec.retries: is not a known field'],
    ['a value outside its enum', POOL.replace('provider: openai', 'provider: bedrock'),
      'providerpool/main spec.endpoints[0].provider: must be one of openai, azure-openai, anthropic, gemini, openai-compatible'],
    ['money written as a YAML number', POOL.replace('"0.15"', '0.15'),
      'providerpool/main spec.endpoints[0].models[0].pricing.inputPerMillion: must be string'],
    ['money in exponent notation', POOL.replace('"0.15"', '"1e3"'),
      'providerpool/main spec.endpoints[0].models[0].pricing.inputPerMillion: must be a decimal string of US dollars with at most 6 decimals, e.g. "2.50"'],
    ['a team without its label', 'apiVersion: switchyard.dev/v1alpha1\nkind: BudgetPolicy\nmetadata: { name: b }\nspec: { scope: { team: a }, window: { period: daily }, limit: "1" }',
      'budgetpolicy/b spec.scope.teamLabel: is required when team is set'],
    ['a resource without a name', 'apiVersion: switchyard.dev/v1alpha1\nkind: BudgetPolicy\nmetadata: {}\nspec: { scope: {}, window: { period: daily }, limit: "1" }',
      'budgetpolicy/<unnamed> metadata.name: is required'],
    ['an unknown kind of our group', 'apiVersion: switchyard.dev/v1alpha1\nkind: ModelRoutes\nmetadata: { name: x }',
      'modelroutes/x kind: must be one of ProviderPool, ModelRoute, BudgetPolicy'],
    ['another version of our group', 'apiVersion: switchyard.dev/v1\nkind: ModelRoute\nmetadata: { name: x }',
      'modelroute/x apiVersion: must be switchyard.dev/v1alpha1'],
    ['a document that is not a mapping', '- just\n- a list', '(document): must be a mapping'],
  ])('names resource and field for %s', (_sentence, text, message) => {
    expect(messages(text)).toContain(message);
  });

  it('reports YAML syntax errors with the document index', () => {
    const parsed = parseResources(`${POOL}\n---\nkind: [unclosed`, 'bad.yaml');
    expect(parsed.resources).toHaveLength(1);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ source: 'bad.yaml', index: 1 });
    expect(parsed.errors[0]!.message).toMatch(/^YAML: /);
  });

  it('refuses alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    expect(parseResources(bomb, 'bomb.yaml').errors[0]?.message).toMatch(/^YAML: /);
  });
});

describe('Secrets in standalone files', () => {
  const secret = (body: string): string => `apiVersion: v1\nkind: Secret\nmetadata: { name: openai, namespace: team-a }\n${body}`;

  it('decodes data from base64 and lets stringData win, as Kubernetes does', () => {
    const parsed = parseResources(secret('data: { apiKey: c2stZnJvbS1kYXRh, org: b3JnLTE= }\nstringData: { apiKey: sk-from-stringData }'), 's.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.secrets).toEqual([{ name: 'openai', namespace: 'team-a', data: { apiKey: 'sk-from-stringData', org: 'org-1' } }]);
  });

  it('names the key whose data is not base64', () => {
    expect(messages(secret('data: { apiKey: "not base64!" }'))).toEqual(['secret/openai data.apiKey: must be base64']);
  });

  it('gives compile only names and key names of the namespace', () => {
    const parsed = parseResources([secret('stringData: { b: "2", a: "1" }'),
      'apiVersion: v1\nkind: Secret\nmetadata: { name: elsewhere, namespace: team-b }\nstringData: { k: v }'].join('\n---\n'), 's.yaml');
    expect(secretKeysOf(parsed.secrets, 'team-a')).toEqual([{ name: 'openai', keys: ['a', 'b'] }]);
  });
});
