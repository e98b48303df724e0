// Three provider simulators (OpenAI, Anthropic, Gemini) behind one route with a failover chain,
// and a sidecar serving it: the fault-injection suite's test bench. Endpoints may point at a TCP
// fault proxy instead of their simulator, and carry their own health, timeouts and canary.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import type { ResilienceOptions } from '../../../sidecar/src/resilience/index.js';
import { startSimulator, type Dialect, type Simulator } from '../../simulators/src/index.js';

export type EndpointName = 'a' | 'b' | 'c';

interface Provider {
  readonly dialect: Dialect;
  readonly provider: string;
  readonly model: string;
  readonly baseURL: (root: string) => string;
}

/** a: OpenAI, b: Anthropic, c: Gemini — three providers, one route. */
const PROVIDERS: Readonly<Record<EndpointName, Provider>> = {
  a: { dialect: 'openai', provider: 'openai', model: 'gpt-4o-mini', baseURL: (root) => `${root}/v1` },
  b: { dialect: 'anthropic', provider: 'anthropic', model: 'claude-haiku-4-5', baseURL: (root) => `${root}/v1` },
  c: { dialect: 'gemini', provider: 'gemini', model: 'gemini-2.0-flash', baseURL: (root) => `${root}/v1beta` },
};

export interface EndpointSettings {
  /** YAML flow mappings, e.g. `{ consecutiveFailures: 5, baseEjectionSeconds: 1 }`. */
  readonly health?: string;
  readonly timeouts?: string;
  readonly canary?: string;
  readonly contextWindowTokens?: number;
  readonly jurisdiction?: string;
  /** Send to this root (a fault proxy) instead of the simulator. */
  readonly root?: string;
}

export interface RigOptions {
  /** Targets in preference order: the first is the default, the rest the failover chain. */
  readonly targets?: readonly EndpointName[];
  readonly endpoints?: Partial<Record<EndpointName, EndpointSettings>>;
  /** YAML flow mapping for the route's retry policy. */
  readonly retry?: string;
  readonly allowLargerContext?: boolean;
  /** Extra route YAML (dataPolicy, …), indented two spaces under spec. */
  readonly routeExtra?: string;
  readonly resilience?: Omit<ResilienceOptions, 'probe'>;
}

export interface ChatReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly ms: number;
}

export interface Rig {
  readonly sidecar: StandaloneSidecar;
  readonly sims: Readonly<Record<EndpointName, Simulator>>;
  chat(options?: { stream?: boolean; content?: string; headers?: Record<string, string> }): Promise<ChatReply>;
  /** Upstream requests received, by simulator. */
  received(): Record<EndpointName, number>;
  close(): Promise<void>;
}

export const KEY = 'rig-test-key-7f3a';
export const NAMES: readonly EndpointName[] = ['a', 'b', 'c'];

export async function startSims(): Promise<Record<EndpointName, Simulator>> {
  const [a, b, c] = await Promise.all(NAMES.map((name) => startSimulator({ dialect: PROVIDERS[name].dialect, apiKey: KEY })));
  if (a === undefined || b === undefined || c === undefined) throw new Error('simulators did not start');
  return { a, b, c };
}

/**
 * @example const rig = await startRig(await startSims(), { endpoints: { a: { health: '{ baseEjectionSeconds: 1 }' } } });
 */
export async function startRig(sims: Record<EndpointName, Simulator>, options: RigOptions = {}): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-resilience-'));
  await writeFile(join(dir, 'rig.yaml'), rigYaml(sims, options));
  const sidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger, ...(options.resilience ? { resilience: options.resilience } : {}) });
  const agent = new Agent({ connections: 128, pipelining: 0 });
  const url = `${sidecar.url}/v1/chat/completions`;
  return {
    sidecar,
    sims,
    chat: async ({ stream = false, content = 'one two three four five six seven eight', headers = {} } = {}) => {
      const started = performance.now();
      const response = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content }], stream }),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: flatten(response.headers), text, ms: performance.now() - started };
    },
    received: () => ({ a: sims.a.requests.length, b: sims.b.requests.length, c: sims.c.requests.length }),
    close: async () => {
      await agent.close();
      await sidecar.close(0);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function rigYaml(sims: Record<EndpointName, Simulator>, options: RigOptions): string {
  const targets = options.targets ?? NAMES;
  const endpoints = NAMES.map((name) => endpointYaml(name, sims[name].url, options.endpoints?.[name] ?? {})).join('');
  const secret = NAMES.map((name) => `  ${name}: ${KEY}`).join('\n');
  const [first, ...chain] = targets;
  const route = [
    'apiVersion: switchyard.dev/v1alpha1',
    'kind: ModelRoute',
    'metadata:',
    '  name: chat',
    'spec:',
    '  match:',
    '    models: [chat]',
    '  targets:',
    ...targets.map((name) => `    - { name: ${name}, pool: rig, endpoint: ${name}, model: ${PROVIDERS[name].model} }`),
    '  semantic:',
    `    defaultTarget: ${first ?? 'a'}`,
    ...(chain.length > 0 ? ['  failover:', `    chain: [${chain.join(', ')}]`, `    allowLargerContext: ${options.allowLargerContext === true}`] : []),
    ...(options.retry === undefined ? [] : [`  retry: ${options.retry}`]),
    ...(options.routeExtra === undefined ? [] : [options.routeExtra]),
  ].join('\n');
  return [
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: rig-keys\nstringData:\n${secret}\n`,
    `apiVersion: switchyard.dev/v1alpha1\nkind: ProviderPool\nmetadata:\n  name: rig\nspec:\n  endpoints:\n${endpoints}`,
    `${route}\n`,
  ].join('---\n');
}

function endpointYaml(name: EndpointName, simURL: string, settings: EndpointSettings): string {
  const provider = PROVIDERS[name];
  const lines = [
    `    - name: ${name}`,
    `      provider: ${provider.provider}`,
    `      baseURL: ${provider.baseURL(settings.root ?? simURL)}`,
    '      inCluster: true',
    `      credentials: { secretRef: { name: rig-keys, key: ${name} } }`,
    ...(settings.jurisdiction === undefined ? [] : [`      jurisdiction: ${settings.jurisdiction}`]),
    ...(settings.health === undefined ? [] : [`      health: ${settings.health}`]),
    ...(settings.timeouts === undefined ? [] : [`      timeouts: ${settings.timeouts}`]),
    ...(settings.canary === undefined ? [] : [`      canary: ${settings.canary}`]),
    '      models:',
    `        - name: ${provider.model}`,
    `          capabilities: { contextWindowTokens: ${settings.contextWindowTokens ?? 128000}, maxOutputTokens: 4096, tools: true }`,
    '          pricing: { inputPerMillion: "1", outputPerMillion: "2" }',
  ];
  return `${lines.join('\n')}\n`;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]]));
}

/** Runs `total` calls of `run` with at most `concurrency` at a time; resolves with every result. */
export async function runConcurrently<T>(total: number, concurrency: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(total);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      results[index] = await run(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return results;
}

/** SSE `data:` payloads of a stream body, in order. */
export function sseData(text: string): string[] {
  return text.split('\n\n').filter((frame) => frame.startsWith('data: ')).map((frame) => frame.slice('data: '.length));
}

/** The text a stream delivered, chunk by chunk. */
export function streamedContent(frames: readonly string[]): string[] {
  return frames.flatMap((frame) => {
    if (frame === '[DONE]' || frame.startsWith('{"error"')) return [];
    const chunk = JSON.parse(frame) as { choices?: { delta?: { content?: string } }[] };
    const content = chunk.choices?.[0]?.delta?.content;
    return typeof content === 'string' && content !== '' ? [content] : [];
  });
}
