// A fleet of provider simulators and the standalone YAML that routes to each of them, for the
// sidecar tests. Every simulator checks a distinctive planted key, so a test can prove the key
// reached the provider and never came back to the client.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Dialect, type OpenAIFlavor, type Simulator } from '../simulators/src/index.js';

export interface ProviderSpec {
  /** Row name in table tests, and the suffix of its route (`chat-<name>`). */
  readonly name: string;
  readonly dialect: Dialect;
  readonly simFlavor?: OpenAIFlavor;
  /** ProviderPool provider and flavor. */
  readonly provider: 'openai' | 'azure-openai' | 'anthropic' | 'gemini' | 'openai-compatible';
  readonly flavor?: 'deepseek' | 'mistral' | 'qwen' | 'ollama';
  readonly baseURL: (simURL: string) => string;
  readonly model: string;
  /** Keyless endpoints (a local Ollama) send no credential at all. */
  readonly keyless?: boolean;
  readonly embeddingModel?: string;
  /** The adapter refuses response_format json_schema, so the pool must not claim it. */
  readonly noJsonSchema?: boolean;
}

export const PROVIDERS: readonly ProviderSpec[] = [
  { name: 'openai', dialect: 'openai', simFlavor: 'openai', provider: 'openai', baseURL: (url) => `${url}/v1`, model: 'gpt-4o-mini', embeddingModel: 'text-embedding-3-small' },
  { name: 'azure', dialect: 'openai', simFlavor: 'azure', provider: 'azure-openai', baseURL: (url) => `${url}/openai`, model: 'gpt-4o-mini' },
  { name: 'anthropic', dialect: 'anthropic', provider: 'anthropic', baseURL: (url) => `${url}/v1`, model: 'claude-haiku-4-5', noJsonSchema: true },
  { name: 'gemini', dialect: 'gemini', provider: 'gemini', baseURL: (url) => `${url}/v1beta`, model: 'gemini-2.0-flash', embeddingModel: 'text-embedding-004' },
  { name: 'deepseek', dialect: 'openai', simFlavor: 'deepseek', provider: 'openai-compatible', flavor: 'deepseek', baseURL: (url) => url, model: 'deepseek-chat' },
  { name: 'mistral', dialect: 'openai', simFlavor: 'mistral', provider: 'openai-compatible', flavor: 'mistral', baseURL: (url) => `${url}/v1`, model: 'mistral-small-latest' },
  { name: 'qwen', dialect: 'openai', simFlavor: 'qwen', provider: 'openai-compatible', flavor: 'qwen', baseURL: (url) => `${url}/compatible-mode/v1`, model: 'qwen-plus' },
  { name: 'ollama', dialect: 'openai', simFlavor: 'ollama', provider: 'openai-compatible', flavor: 'ollama', baseURL: (url) => `${url}/v1`, model: 'llama3.2', keyless: true },
];

export interface Fleet {
  readonly sims: ReadonlyMap<string, Simulator>;
  /** Provider name → the key its simulator checks. */
  readonly keys: ReadonlyMap<string, string>;
  /** Directory holding the standalone YAML. */
  readonly dir: string;
  sim(name: string): Simulator;
  resetAll(): void;
  close(): Promise<void>;
}

export function plantedKey(name: string): string {
  return `PLANTED-${name}-key-6b1f9d3e77a2c0`;
}

export async function startFleet(): Promise<Fleet> {
  const sims = new Map<string, Simulator>();
  const keys = new Map<string, string>();
  for (const spec of PROVIDERS) {
    const apiKey = spec.keyless === true ? undefined : plantedKey(spec.name);
    if (apiKey !== undefined) keys.set(spec.name, apiKey);
    sims.set(spec.name, await startSimulator({ dialect: spec.dialect, ...(spec.simFlavor ? { flavor: spec.simFlavor } : {}), ...(apiKey ? { apiKey } : {}) }));
  }
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-fleet-'));
  await writeFile(join(dir, 'fleet.yaml'), fleetYaml(sims));
  return {
    sims,
    keys,
    dir,
    sim: (name) => {
      const sim = sims.get(name);
      if (sim === undefined) throw new Error(`no simulator ${name}`);
      return sim;
    },
    resetAll: () => sims.forEach((sim) => sim.reset()),
    close: async () => {
      await Promise.all([...sims.values()].map((sim) => sim.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function fleetYaml(sims: ReadonlyMap<string, Simulator>): string {
  const secret = [...PROVIDERS.filter((spec) => spec.keyless !== true).map((spec) => spec.name), 'wrong'].map((name) => `  ${name}: ${plantedKey(name)}`).join('\n');
  const endpoints = [...PROVIDERS.map((spec) => endpointYaml(spec, sims.get(spec.name)?.url ?? '')), wrongKeyEndpoint(sims.get('openai')?.url ?? '')].join('\n');
  const routes = PROVIDERS.map((spec) => routeYaml(`chat-${spec.name}`, spec.name, spec.model));
  const embeddingRoutes = PROVIDERS.flatMap((spec) => spec.embeddingModel === undefined ? [] : [routeYaml(`embed-${spec.name}`, spec.name, spec.embeddingModel)]);
  return [
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: fleet-keys\nstringData:\n${secret}\n`,
    `apiVersion: switchyard.dev/v1alpha1\nkind: ProviderPool\nmetadata:\n  name: fleet\nspec:\n  endpoints:\n${endpoints}`,
    ...routes,
    ...embeddingRoutes,
    FAILOVER_ROUTE,
    routeYaml('chat-wrong-key', 'openai-wrong-key', 'gpt-4o-mini'),
  ].join('---\n');
}

/** The OpenAI simulator again, with a key it refuses (its 401 echoes part of the key). */
function wrongKeyEndpoint(simURL: string): string {
  return `    - name: openai-wrong-key
      provider: openai
      baseURL: ${simURL}/v1
      inCluster: true
      credentials: { secretRef: { name: fleet-keys, key: wrong } }
      models:
        - name: gpt-4o-mini
          capabilities: { contextWindowTokens: 128000, tools: true }
          pricing: { inputPerMillion: "1", outputPerMillion: "2" }
`;
}

/** `chat-failover`: OpenAI first, Anthropic when OpenAI fails before the first byte. */
const FAILOVER_ROUTE = `apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata:
  name: chat-failover
spec:
  match:
    models: [chat-failover]
  targets:
    - { name: primary, pool: fleet, endpoint: openai, model: gpt-4o-mini }
    - { name: backup, pool: fleet, endpoint: anthropic, model: claude-haiku-4-5 }
  semantic:
    defaultTarget: primary
  failover:
    chain: [backup]
`;

function chatCapabilities(spec: ProviderSpec): string {
  return `{ contextWindowTokens: 128000, maxOutputTokens: 4096, vision: true, tools: true, jsonSchema: ${spec.noJsonSchema !== true} }`;
}
const EMBEDDING_CAPABILITIES = '{ contextWindowTokens: 8191, embeddings: true, streaming: false }';

function endpointYaml(spec: ProviderSpec, simURL: string): string {
  const lines = [
    `    - name: ${spec.name}`,
    `      provider: ${spec.provider}`,
    ...(spec.flavor ? [`      flavor: ${spec.flavor}`] : []),
    `      baseURL: ${spec.baseURL(simURL)}`,
    '      inCluster: true',
    ...(spec.provider === 'azure-openai' ? ['      apiVersion: "2024-10-21"'] : []),
    ...(spec.keyless === true ? [] : [`      credentials: { secretRef: { name: fleet-keys, key: ${spec.name} } }`]),
    '      models:',
    `        - name: ${spec.model}`,
    ...(spec.provider === 'azure-openai' ? [`          deployment: ${spec.model}-deployment`] : []),
    `          capabilities: ${chatCapabilities(spec)}`,
    '          pricing: { inputPerMillion: "1", outputPerMillion: "2" }',
    ...(spec.embeddingModel === undefined ? [] : [
      `        - name: ${spec.embeddingModel}`,
      `          capabilities: ${EMBEDDING_CAPABILITIES}`,
      '          pricing: { inputPerMillion: "0.02", outputPerMillion: "0" }',
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

export function routeYaml(name: string, endpoint: string, model: string, extra = ''): string {
  return `apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata:
  name: ${name}
spec:
  match:
    models: [${name}]
  targets:
    - { name: ${endpoint}, pool: fleet, endpoint: ${endpoint}, model: ${model} }
${extra}`;
}
