// Three provider simulators (OpenAI, Anthropic, Gemini) behind a standalone sidecar whose log
// lines are kept, for the tracing and metrics suites. Each provider has its own route (model
// `obs-<provider>`, no retries, so one client request is one upstream attempt and every scripted
// fault lands in exactly one outcome class); `obs-openai` also declares the use case `summarize`
// and a PII policy (emails redacted, US SSNs blocked). `obs-failover` sends to `flaky` (the OpenAI
// simulator's gpt-4o, ejected after two failures) with retries, and fails over to Anthropic.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { createLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { startSimulator, type Dialect, type Simulator } from '../simulators/src/index.js';

export type ProviderName = 'openai' | 'anthropic' | 'gemini';
export const PROVIDER_NAMES: readonly ProviderName[] = ['openai', 'anthropic', 'gemini'];

const PROVIDERS: Readonly<Record<ProviderName, { dialect: Dialect; model: string; path: string }>> = {
  openai: { dialect: 'openai', model: 'gpt-4o-mini', path: '/v1' },
  anthropic: { dialect: 'anthropic', model: 'claude-haiku-4-5', path: '/v1' },
  gemini: { dialect: 'gemini', model: 'gemini-2.0-flash', path: '/v1beta' },
};

const KEY = 'obs-test-key-4c1d';

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

export interface ChatOptions {
  readonly stream?: boolean;
  readonly content?: string;
  readonly headers?: Record<string, string>;
}

export interface ObservabilityRig {
  readonly sidecar: StandaloneSidecar;
  readonly sims: Readonly<Record<ProviderName, Simulator>>;
  /** Every JSON log line the sidecar wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
  chat(provider: ProviderName | 'failover', options?: ChatOptions): Promise<Reply>;
  send(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** GET /metrics as Prometheus text. */
  scrape(): Promise<string>;
  close(): Promise<void>;
}

export interface RigOptions {
  /** Environment for the sidecar's switches (SWITCHYARD_METRICS, OTEL_*); default none set. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** First-byte timeout of every endpoint; default 30 s. */
  readonly firstByteMs?: number;
}

export async function startObservabilityRig(options: RigOptions = {}): Promise<ObservabilityRig> {
  const started = await Promise.all(PROVIDER_NAMES.map((name) => startSimulator({ dialect: PROVIDERS[name].dialect, apiKey: KEY })));
  const sims = Object.fromEntries(PROVIDER_NAMES.map((name, index) => [name, started[index]])) as Record<ProviderName, Simulator>;
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-observability-'));
  await writeFile(join(dir, 'rig.yaml'), rigYaml(sims, options.firstByteMs ?? 30_000));
  const logLines: Record<string, unknown>[] = [];
  const log = createLogger((line) => { logLines.push(JSON.parse(line) as Record<string, unknown>); });
  const sidecar = await startSidecar({ files: [dir], port: 0, log, env: { ...options.env } });
  const agent = new Agent({ connections: 32 });
  const send = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const response = await request(`${sidecar.url}${path}`, {
      method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
    });
    return { status: response.statusCode, headers: flatten(response.headers), text: await response.body.text() };
  };
  return {
    sidecar,
    sims,
    logLines,
    send,
    chat: (provider, { stream = false, content = 'alpha beta gamma delta', headers = {} } = {}) =>
      send('/v1/chat/completions', { model: `obs-${provider}`, messages: [{ role: 'user', content }], stream }, headers),
    scrape: async () => {
      const response = await request(`${sidecar.url}/metrics`, { dispatcher: agent });
      return response.body.text();
    },
    close: async () => {
      await agent.close();
      await sidecar.close(0);
      await Promise.all(Object.values(sims).map((sim) => sim.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function rigYaml(sims: Record<ProviderName, Simulator>, firstByteMs: number): string {
  const endpoints = PROVIDER_NAMES.map((name) => [
    `    - name: ${name}`,
    `      provider: ${name}`,
    `      baseURL: ${sims[name].url}${PROVIDERS[name].path}`,
    '      inCluster: true',
    `      credentials: { secretRef: { name: obs-keys, key: ${name} } }`,
    '      health: { consecutiveFailures: 1000 }',
    `      timeouts: { firstByteMilliseconds: ${firstByteMs} }`,
    '      models:',
    `        - name: ${PROVIDERS[name].model}`,
    '          capabilities: { contextWindowTokens: 128000, maxOutputTokens: 4096, tools: true }',
    '          pricing: { inputPerMillion: "2", cachedInputPerMillion: "1", outputPerMillion: "8" }',
  ].join('\n')).join('\n');
  const routes = PROVIDER_NAMES.map((name) => [
    'apiVersion: switchyard.dev/v1alpha1',
    'kind: ModelRoute',
    'metadata:',
    `  name: obs-${name}`,
    'spec:',
    '  match:',
    `    models: [obs-${name}]`,
    '  targets:',
    `    - { name: ${name}, pool: obs, endpoint: ${name}, model: ${PROVIDERS[name].model} }`,
    '  semantic:',
    `    defaultTarget: ${name}`,
    '  retry: { maxAttempts: 1 }',
    ...(name === 'openai' ? [
      '  useCases:',
      `    - { name: summarize, targets: [${name}] }`,
      '  pii:',
      '    entities:',
      '      - { type: email, action: redact }',
      '      - { type: us-ssn, action: block }',
    ] : []),
  ].join('\n'));
  const flaky = [
    '    - name: flaky',
    '      provider: openai',
    `      baseURL: ${sims.openai.url}/v1`,
    '      inCluster: true',
    '      credentials: { secretRef: { name: obs-keys, key: openai } }',
    '      health: { consecutiveFailures: 2, baseEjectionSeconds: 60 }',
    '      models:',
    '        - name: gpt-4o',
    '          capabilities: { contextWindowTokens: 128000, maxOutputTokens: 4096, tools: true }',
    '          pricing: { inputPerMillion: "5", outputPerMillion: "15" }',
  ].join('\n');
  const failover = [
    'apiVersion: switchyard.dev/v1alpha1',
    'kind: ModelRoute',
    'metadata:',
    '  name: obs-failover',
    'spec:',
    '  match:',
    '    models: [obs-failover]',
    '  targets:',
    '    - { name: flaky, pool: obs, endpoint: flaky, model: gpt-4o }',
    `    - { name: anthropic, pool: obs, endpoint: anthropic, model: ${PROVIDERS.anthropic.model} }`,
    '  semantic:',
    '    defaultTarget: flaky',
    '  failover:',
    '    chain: [anthropic]',
    '  retry: { maxAttempts: 3, baseBackoffMilliseconds: 10, maxBackoffMilliseconds: 20 }',
  ].join('\n');
  return [
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: obs-keys\nstringData:\n${PROVIDER_NAMES.map((name) => `  ${name}: ${KEY}`).join('\n')}\n`,
    `apiVersion: switchyard.dev/v1alpha1\nkind: ProviderPool\nmetadata:\n  name: obs\nspec:\n  endpoints:\n${endpoints}\n${flaky}\n`,
    ...[...routes, failover].map((route) => `${route}\n`),
  ].join('---\n');
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
}
