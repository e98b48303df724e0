import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, type SwitchyardResource } from '@switchyard/contract';
import { ConfigHolder } from '../config/holder.js';
import { saveLastGood } from '../config/last-good.js';
import { silentLogger } from '../metrics/log.js';
import { restoreLastGood } from './restore.js';
import { applySnapshot } from './snapshot.js';

const resources = [
  { apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'main' }, spec: { endpoints: [{
    name: 'keyed', provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', inCluster: true, credentials: { secretRef: { name: 'key' } },
    models: [{ name: 'm', capabilities: { contextWindowTokens: 8000 }, pricing: { inputPerMillion: '0', outputPerMillion: '0' } }],
  }] } },
  { apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'chat' }, spec: { match: { models: ['chat'] }, targets: [{ name: 'main', pool: 'main', model: 'm' }] } },
] as SwitchyardResource[];

describe('restoreLastGood', () => {
  it('serves the saved config with its saved credentials, and takes the operator\'s copy of the same revision with rotated ones', async () => {
    const config = compile({ namespace: 'team-a', resources, secrets: [{ name: 'key', keys: ['apiKey'] }] }).config!;
    const stateDir = mkdtempSync(join(tmpdir(), 'switchyard-restore-'));
    await saveLastGood(stateDir, { revision: 40, config, credentials: { 'key/apiKey': 'sk-saved' } });
    const holder = new ConfigHolder({ log: silentLogger, stateDir });
    await restoreLastGood(holder, stateDir, silentLogger);
    const endpoint = (): { credentialMissing: boolean; apiKey: string } | undefined => holder.current?.aliases.get('chat')?.[0]?.targets.get('main')?.backends[0]?.endpoint;
    expect(holder.current).toMatchObject({ version: config.version, revision: 39 });
    expect(endpoint()).toMatchObject({ credentialMissing: false, apiKey: 'sk-saved' });
    const answer = await applySnapshot(holder, { type: 'snapshot', revision: 40, version: config.version, config, credentials: { 'key/apiKey': 'sk-1' } });
    expect(answer).toEqual({ type: 'ack', revision: 40, version: config.version });
    expect(endpoint()).toMatchObject({ credentialMissing: false, apiKey: 'sk-1' });
    await holder.close();
  });
});
