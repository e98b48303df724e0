import { describe, expect, it } from '@jest/globals';
import type { ParsedSecret, SwitchyardResource } from '@switchyard/contract';
import { envNameFor, resolveSecrets } from './secrets.js';

function poolUsing(...refs: { name: string; key?: string }[]): SwitchyardResource {
  return {
    apiVersion: 'switchyard.dev/v1alpha1',
    kind: 'ProviderPool',
    metadata: { name: 'pool' },
    spec: {
      endpoints: refs.map((ref, i) => ({
        name: `e${i}`, provider: 'openai', baseURL: 'https://api.openai.com/v1', credentials: { secretRef: ref },
        models: [{ name: 'm', capabilities: { contextWindowTokens: 1000 }, pricing: { inputPerMillion: '1', outputPerMillion: '1' } }],
      })),
    },
  };
}

describe('standalone secret values', () => {
  it.each([
    { name: 'a literal value in a Secret document is used as written', secrets: [{ name: 's', data: { apiKey: 'sk-literal' } }], env: {}, values: { 's/apiKey': 'sk-literal' }, problems: [] },
    { name: 'a ${NAME} value is read from the environment', secrets: [{ name: 's', data: { apiKey: '${OPENAI_KEY}' } }], env: { OPENAI_KEY: 'sk-env' }, values: { 's/apiKey': 'sk-env' }, problems: [] },
    { name: 'an unset ${NAME} is a problem naming the variable, never a value', secrets: [{ name: 's', data: { apiKey: '${OPENAI_KEY}' } }], env: {}, values: {}, problems: ['secret/s apiKey: environment variable OPENAI_KEY is not set'] },
    { name: 'a referenced Secret missing from the files comes from SWITCHYARD_SECRET_*', secrets: [], env: { SWITCHYARD_SECRET_S_APIKEY: 'sk-fallback' }, values: { 's/apiKey': 'sk-fallback' }, problems: [] },
    { name: 'a referenced Secret found nowhere names the variable to set', secrets: [], env: {}, values: {}, problems: ['secret/s apiKey: not in the files, and SWITCHYARD_SECRET_S_APIKEY is not set'] },
    { name: 'a Secret of another namespace does not count', secrets: [{ name: 's', namespace: 'other', data: { apiKey: 'sk-elsewhere' } }], env: {}, values: {}, problems: ['secret/s apiKey: not in the files, and SWITCHYARD_SECRET_S_APIKEY is not set'] },
  ])('$name', ({ secrets, env, values, problems }) => {
    const resolved = resolveSecrets([poolUsing({ name: 's' })], secrets as ParsedSecret[], 'default', env);
    expect(resolved.values).toEqual(values);
    expect(resolved.problems).toEqual(problems);
    expect(resolved.keys).toEqual(Object.keys(values).length === 0 ? [] : [{ name: 's', keys: ['apiKey'] }]);
  });

  it('mangles names into environment variable names', () => {
    expect(envNameFor('openai-credentials', 'api.key')).toBe('SWITCHYARD_SECRET_OPENAI_CREDENTIALS_API_KEY');
  });
});
