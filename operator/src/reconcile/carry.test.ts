import { describe, expect, it } from '@jest/globals';
import { compile, validateSidecarConfig, type SwitchyardResource } from '@switchyard/contract';
import { carryForward } from './carry.js';
import { updateMemory } from './route-memory.js';

const pool = {
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'main' },
  spec: { endpoints: [{
    name: 'openai', provider: 'openai', baseURL: 'https://api.openai.com/v1',
    models: [{ name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.6' } }],
  }] },
} as SwitchyardResource;

function route(name: string, poolName: string, models: string[]): SwitchyardResource {
  return {
    apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name },
    spec: { match: { models }, targets: [{ name: 'mini', pool: poolName, model: 'gpt-4o-mini' }] },
  } as SwitchyardResource;
}

describe('carryForward', () => {
  it('keeps serving the last valid form of a route that became invalid, and only that', () => {
    const valid = compile({ namespace: 'team-a', resources: [pool, route('chat', 'main', ['chat']), route('other', 'main', ['other'])], secrets: [] });
    const memory = updateMemory(new Map(), valid.config, [route('chat', 'main', ['chat']), route('other', 'main', ['other'])] as never);
    const broken = [pool, route('chat', 'missing', ['chat']), route('other', 'main', ['other'])];
    const fresh = compile({ namespace: 'team-a', resources: broken, secrets: [] });
    expect(fresh.config?.routes.map((r) => r.name)).toEqual(['other']);
    const merged = carryForward(fresh.config!, memory, new Set(['chat']), {});
    expect(merged.routes.map((r) => r.name)).toEqual(['chat', 'other']);
    expect(merged.routes[0]).toEqual(valid.config!.routes[0]);
    expect(merged.aliases.map((a) => a.alias)).toEqual(['chat', 'other']);
    expect(merged.version).toBe(valid.config!.version);
    expect(validateSidecarConfig(merged).ok).toBe(true);
  });

  it('does not carry a route that was deleted', () => {
    const valid = compile({ namespace: 'team-a', resources: [pool, route('chat', 'main', ['chat'])], secrets: [] });
    const memory = updateMemory(new Map(), valid.config, [route('chat', 'main', ['chat'])] as never);
    const after = updateMemory(memory, null, []);
    expect(after.size).toBe(0);
  });
});
