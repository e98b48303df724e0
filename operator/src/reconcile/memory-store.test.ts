import { describe, expect, it } from '@jest/globals';
import { compile, type ModelRoute, type SwitchyardResource } from '@switchyard/contract';
import { decodeMemory, encodeMemory } from './memory-store.js';
import { updateMemory } from './route-memory.js';

const resources = [
  { apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'main' }, spec: { endpoints: [{
    name: 'local', provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', inCluster: true,
    models: [{ name: 'm', capabilities: { contextWindowTokens: 8000 }, pricing: { inputPerMillion: '0', outputPerMillion: '0' } }],
  }] } },
  { apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'chat' }, spec: {
    workloadSelector: { matchLabels: { app: 'web' } }, match: { models: ['chat'] }, targets: [{ name: 'main', pool: 'main', model: 'm' }],
  } },
] as SwitchyardResource[];

describe('route memory on disk', () => {
  it('round-trips through its ConfigMap text unchanged', () => {
    const { config } = compile({ namespace: 'team-a', resources, secrets: [] });
    const memory = updateMemory(new Map(), config, [resources[1] as ModelRoute]);
    expect(decodeMemory(encodeMemory(memory))).toEqual(memory);
  });

  it.each([
    ['text that is not JSON', '{'],
    ['entries that are not remembered routes', '[{"route":"chat"},42]'],
  ])('reads %s as no memory', (_name, text) => {
    expect(decodeMemory(text).size).toBe(0);
  });
});
