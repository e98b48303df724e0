import { describe, expect, it } from '@jest/globals';
import { compile, type SwitchyardResource } from '@switchyard/contract';
import type { SidecarState, Snapshot } from '../channel/hub.js';
import { ConfigHistory } from './config-history.js';
import { routeSyncOf } from './sync.js';

const pool = { apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'main' }, spec: { endpoints: [{
  name: 'local', provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', inCluster: true,
  models: [{ name: 'm', capabilities: { contextWindowTokens: 8000 }, pricing: { inputPerMillion: '0', outputPerMillion: '0' } }],
}] } };
const route = (name: string, models: string[]): unknown => ({
  apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name }, spec: { match: { models }, targets: [{ name: 't', pool: 'main', model: 'm' }] },
});
const configOf = (...resources: unknown[]) => compile({ namespace: 'team-a', resources: resources as SwitchyardResource[], secrets: [] }).config!;
const state = (pod: string, version: string | null, nack?: string): SidecarState => ({
  namespace: 'team-a', pod, connected: true, connectedAt: null, version, revision: 1,
  lastNack: nack === undefined ? null : { revision: 2, version: nack, reason: 'BuildFailed', message: 'boom' },
});

describe('routeSyncOf', () => {
  it('counts a sidecar as synced for a route when the config it runs has that route in its current form', () => {
    const history = new ConfigHistory();
    const old = configOf(pool, route('chat', ['chat']));
    // A second route changes the config version but not chat's form.
    const current = configOf(pool, route('chat', ['chat']), route('other', ['other']));
    history.record(old);
    history.record(current);
    const snapshot: Snapshot = { revision: 2, version: current.version, config: current, credentials: {}, compiledAt: 0 };
    const publication = { namespace: 'team-a', snapshots: new Map([['team-a/w', snapshot]]), pods: new Map([['a', 'team-a/w'], ['b', 'team-a/w'], ['c', 'team-a/w']]) };
    const states = new Map([['a', state('a', current.version)], ['b', state('b', old.version)], ['c', state('c', old.version, current.version)]]);
    expect(routeSyncOf('chat', publication, states, history, false)).toMatchObject({ synced: 3, total: 3, rejections: [{ pod: 'team-a/c' }] });
    expect(routeSyncOf('other', publication, states, history, false)).toMatchObject({ synced: 1, total: 3 });
  });
});
