// Canary keys: every credential the system holds is a distinctive random string, planted in a
// Secret document, in the environment (SWITCHYARD_SECRET_*) and as the logging hash key, and a
// careless upstream echoes them back (raw, base64, URL-encoded, the whole Authorization header)
// in its error bodies. A broad traffic mix then runs through the real `switchyard sidecar`
// process, and everything it emits is scanned: stdout and stderr (request lines, warnings,
// sampled records), the sample file, /metrics, the spans it exports, and every response body and
// header. Not one form of any key may appear.
//
// The traffic is a table (TRAFFIC): a row is one request, with the scripts it needs.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Script, type Simulator } from '../simulators/src/index.js';
import { PROVIDERS, type ProviderSpec } from './fleet.js';
import { send, sendRaw, type RawResponse } from './http-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'operator', 'dist', 'cli', 'main.js');

/** Letters no id, hash or trace id we emit is made of, so a stray 8-character window means a leak. */
const CANARY_ALPHABET = 'ghjkmnpqrstuvwxyzGHJKMNPQRSTUVWXYZ';
function canary(): string {
  return `CNRY${Array.from({ length: 28 }, () => CANARY_ALPHABET[randomInt(CANARY_ALPHABET.length)]).join('')}`;
}

const KEYS = new Map<string, string>([
  ...PROVIDERS.filter((spec) => spec.keyless !== true).map((spec) => [spec.name, canary()] as const),
  ['wrong', canary()],
  ['env', canary()],
  ['pepper', canary()],
]);
const key = (name: string): string => KEYS.get(name) ?? '';

const sims = new Map<string, Simulator>();
let echo: Simulator;
let collector: Server;
const spans: string[] = [];
let dir: string;
let child: ChildProcess;
let url = '';
let stdout = '';
let stderr = '';
const responses: RawResponse[] = [];

function endpointYaml(spec: ProviderSpec): string {
  return [
    `    - name: ${spec.name}`,
    `      provider: ${spec.provider}`,
    ...(spec.flavor ? [`      flavor: ${spec.flavor}`] : []),
    `      baseURL: ${spec.baseURL(sims.get(spec.name)?.url ?? '')}`,
    '      inCluster: true',
    ...(spec.provider === 'azure-openai' ? ['      apiVersion: "2024-10-21"'] : []),
    ...(spec.keyless === true ? [] : [`      credentials: { secretRef: { name: canary-keys, key: ${spec.name} } }`]),
    '      models:',
    `        - name: ${spec.model}`,
    ...(spec.provider === 'azure-openai' ? [`          deployment: ${spec.model}-deployment`] : []),
    `          capabilities: { contextWindowTokens: 128000, tools: true, jsonSchema: ${spec.noJsonSchema !== true} }`,
    '          pricing: { inputPerMillion: "1", outputPerMillion: "2" }',
    ...(spec.embeddingModel === undefined ? [] : [
      `        - { name: ${spec.embeddingModel}, capabilities: { contextWindowTokens: 8191, embeddings: true, streaming: false }, pricing: { inputPerMillion: "1", outputPerMillion: "0" } }`,
    ]),
    '',
  ].join('\n');
}

function extraEndpoint(name: string, simURL: string, secret: string): string {
  return `    - name: ${name}
      provider: openai
      baseURL: ${simURL}/v1
      inCluster: true
      credentials: { secretRef: ${secret} }
      models:
        - { name: gpt-4o-mini, capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: "1", outputPerMillion: "2" } }
`;
}

function route(name: string, targets: string, extra = ''): string {
  return `---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: ${name} }
spec:
  match: { models: [${name}] }
  targets: ${targets}
${extra}`;
}

const single = (endpoint: string, model: string): string => `[{ name: ${endpoint}, pool: fleet, endpoint: ${endpoint}, model: ${model} }]`;

function configYaml(): string {
  const secretKeys = [...KEYS].filter(([name]) => name !== 'env').map(([name, value]) => `  ${name}: ${value}`).join('\n');
  const openaiURL = sims.get('openai')?.url ?? '';
  return [
    `apiVersion: v1\nkind: Secret\nmetadata: { name: canary-keys }\nstringData:\n${secretKeys}\n`,
    `---\napiVersion: switchyard.dev/v1alpha1\nkind: ProviderPool\nmetadata: { name: fleet }\nspec:\n  endpoints:\n${PROVIDERS.map(endpointYaml).join('')}`
      + extraEndpoint('echo', echo.url, '{ name: canary-env }') + extraEndpoint('wrong-key', openaiURL, '{ name: canary-keys, key: wrong }'),
    ...PROVIDERS.map((spec) => route(`chat-${spec.name}`, single(spec.name, spec.model))),
    ...PROVIDERS.flatMap((spec) => spec.embeddingModel === undefined ? [] : [route(`embed-${spec.name}`, single(spec.name, spec.embeddingModel))]),
    route('failover', '[{ name: primary, pool: fleet, endpoint: openai, model: gpt-4o-mini }, { name: backup, pool: fleet, endpoint: anthropic, model: claude-haiku-4-5 }]',
      '  semantic: { defaultTarget: primary }\n  failover: { chain: [backup] }\n'),
    route('echo', single('echo', 'gpt-4o-mini'), '  retry: { maxAttempts: 1 }\n'),
    route('wrong-key', single('wrong-key', 'gpt-4o-mini'), '  retry: { maxAttempts: 1 }\n'),
    route('pii', single('openai', 'gpt-4o-mini'), '  pii:\n    restoreInResponse: true\n    entities: [{ type: email, action: redact }, { type: credit-card, action: block }]\n'),
    route('audited', single('openai', 'gpt-4o-mini'), `  logging:
    sampleRate: "1"
    sink: stdout
    hashKeySecretRef: { name: canary-keys, key: pepper }
    fields: [{ field: prompt, action: keep }, { field: response, action: keep }, { field: user, action: hash }, { field: header:x-user-id, action: hash }, { field: header:authorization, action: keep }]
`),
    route('filed', single('anthropic', 'claude-haiku-4-5'), '  logging:\n    sampleRate: "1"\n    sink: file\n    fields: [{ field: prompt, action: keep }, { field: response, action: keep }]\n'),
  ].join('');
}

/** Every echo a careless provider or proxy might make of the credential it was sent. */
const ECHO_MESSAGE = 'key {{key}} b64 {{key|base64}} url {{key|url}} header {{header:authorization}} header-b64 {{header:authorization|base64}} api-key {{header:api-key}}';
const echoBody = (type: string): unknown => ({ error: { message: ECHO_MESSAGE, type, param: null, code: 'echo' } });

interface TrafficRow {
  readonly name: string;
  readonly scripts?: readonly [Simulator | (() => Simulator), Script][];
  readonly call: () => Promise<RawResponse>;
}

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  sendRaw(`${url}${path}`, { traceparent: TRACEPARENT, authorization: 'Bearer app-placeholder', ...headers }, JSON.stringify(body));
const chat = (model: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'Say hello to the canary test' }], ...extra }, headers);

const TRAFFIC: readonly TrafficRow[] = [
  ...PROVIDERS.map((spec): TrafficRow => ({ name: `chat via ${spec.name}`, call: () => chat(`chat-${spec.name}`) })),
  ...PROVIDERS.map((spec): TrafficRow => ({ name: `stream via ${spec.name}`, call: () => chat(`chat-${spec.name}`, { stream: true, stream_options: { include_usage: true } }) })),
  ...PROVIDERS.filter((spec) => spec.embeddingModel !== undefined).map((spec): TrafficRow => ({ name: `embeddings via ${spec.name}`, call: () => post('/v1/embeddings', { model: `embed-${spec.name}`, input: ['one', 'two'] }) })),
  { name: 'failover after a 500', scripts: [[() => sims.get('openai') as Simulator, { status: 500 }]], call: () => chat('failover') },
  { name: 'a mid-stream provider error', scripts: [[() => sims.get('anthropic') as Simulator, { streamErrorAfterChunks: 2, errorKind: 'overloaded' }]], call: () => chat('chat-anthropic', { stream: true }) },
  { name: 'a provider refusing the key', call: () => chat('wrong-key') },
  ...[400, 401, 403, 404, 422, 429, 500, 503].map((status): TrafficRow => ({
    name: `an upstream ${status} echoing the key`,
    scripts: [[() => echo, { status, body: echoBody(status < 500 ? 'invalid_request_error' : 'server_error') }]],
    call: () => chat('echo'),
  })),
  { name: 'a streamed request whose upstream 400 echoes the key', scripts: [[() => echo, { status: 400, body: echoBody('invalid_request_error') }]], call: () => chat('echo', { stream: true }) },
  { name: 'a text/plain upstream echo', scripts: [[() => echo, { status: 502, body: `Bad gateway: upstream said ${ECHO_MESSAGE}` }]], call: () => chat('echo') },
  { name: 'PII redacted and restored', call: () => chat('pii', { messages: [{ role: 'user', content: 'Mail jane.doe@example.org the plan' }] }) },
  { name: 'PII blocked', call: () => chat('pii', { messages: [{ role: 'user', content: 'Card 4111 1111 1111 1111' }] }) },
  { name: 'a sampled request with a hashed user', call: () => chat('audited', { user: 'end-user-7' }, { 'x-user-id': 'u-7' }) },
  { name: 'a sampled stream to the file sink', call: () => chat('filed', { stream: true }) },
  { name: 'malformed JSON', call: () => sendRaw(`${url}/v1/chat/completions`, {}, '{"model": ') },
  { name: 'an unknown model', call: () => chat('no-such-model') },
  { name: 'an oversized body', call: () => send(`${url}/v1/chat/completions`, { body: JSON.stringify({ model: 'chat-openai', messages: [{ role: 'user', content: 'x'.repeat(5 * 1024 * 1024) }] }) }) },
  { name: 'oversized headers', call: () => sendRaw(`${url}/v1/chat/completions`, { 'x-pad': 'p'.repeat(20 * 1024) }, '{}') },
  { name: 'the model list', call: () => send(`${url}/v1/models`) },
  { name: 'readiness', call: () => send(`${url}/readyz`) },
  { name: 'the metrics', call: () => send(`${url}/metrics`) },
];

async function startCollector(): Promise<number> {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      spans.push(Buffer.concat(chunks).toString('latin1'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  const address = collector.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

let sampleFile: string;
let exitCode: number | null = null;

beforeAll(async () => {
  for (const spec of PROVIDERS) {
    sims.set(spec.name, await startSimulator({ dialect: spec.dialect, ...(spec.simFlavor ? { flavor: spec.simFlavor } : {}), ...(spec.keyless === true ? {} : { apiKey: key(spec.name) }) }));
  }
  echo = await startSimulator({ dialect: 'openai' });
  const collectorPort = await startCollector();
  dir = await mkdtemp(join(tmpdir(), 'switchyard-canary-'));
  sampleFile = join(dir, 'samples.jsonl');
  await writeFile(join(dir, 'canary.yaml'), configYaml());
  child = spawn(process.execPath, [CLI, 'sidecar', '--config', join(dir, 'canary.yaml'), '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SWITCHYARD_SECRET_CANARY_ENV_APIKEY: key('env'),
      SWITCHYARD_SAMPLE_LOG_FILE: sampleFile,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await once(lines, 'line')) as [string];
  stdout += `${first}\n`;
  lines.on('line', (line: string) => (stdout += `${line}\n`));
  url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)?.[1] ?? '';
  if (url === '') throw new Error(`the sidecar did not start: ${first}\n${stderr}`);
  for (const row of TRAFFIC) {
    for (const [target, script] of row.scripts ?? []) (typeof target === 'function' ? target() : target).script(script);
    responses.push(await row.call());
  }
  child.kill('SIGTERM');
  [exitCode] = (await once(child, 'exit')) as [number];
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all([...sims.values(), echo].map((sim) => sim.close()));
  await new Promise((resolve) => collector.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** The forms a key takes when something encodes it: raw, URL-encoded, base64 at each alignment, and every 8-character window. */
function formsOf(secret: string): { form: string; text: string }[] {
  const forms = [{ form: 'raw', text: secret }, { form: 'url', text: encodeURIComponent(secret) }];
  for (const prefix of ['', 'a', 'ab']) {
    for (const alphabet of ['base64', 'base64url'] as const) {
      const encoded = Buffer.from(prefix + secret).toString(alphabet).replace(/=+$/, '');
      forms.push({ form: `${alphabet}+${prefix.length}`, text: encoded.slice(prefix === '' ? 0 : 4, -4) });
    }
  }
  for (let start = 0; start + 8 <= secret.length; start += 1) forms.push({ form: `window@${start}`, text: secret.slice(start, start + 8) });
  return forms;
}

describe('the canary traffic', () => {
  it('really ran: the sidecar exited cleanly, served, logged, sampled, exported spans and met the echoes', async () => {
    expect(exitCode).toBe(0);
    expect(responses).toHaveLength(TRAFFIC.length);
    expect(responses.filter((response) => response.status === 200).length).toBeGreaterThan(20);
    // One line per data-plane request; the 431 (answered at the edge), /readyz and /metrics have none.
    expect(stderr.split('\n').filter((line) => line.includes('"msg":"request"'))).toHaveLength(TRAFFIC.length - 3);
    expect(stdout).toContain('"kind":"request-sample"');
    expect(await readFile(sampleFile, 'utf8')).toContain('"kind":"request-sample"');
    expect(spans.length).toBeGreaterThan(0);
    // The echo simulator got the env-planted key, and its echoes reached the sidecar (scrubbed).
    expect(echo.requests.map((request) => request.headers['authorization'])).toContain(`Bearer ${key('env')}`);
    expect(responses.map((response) => response.text).join('\n')).toContain('[REDACTED]');
  });
});

describe('no key in anything the sidecar emitted', () => {
  const emitted = (): { where: string; text: string }[] => [
    { where: 'stdout', text: stdout },
    { where: 'stderr', text: stderr },
    { where: 'spans', text: spans.join('\n') },
    ...responses.map((response, i) => ({ where: `response to "${TRAFFIC[i]?.name ?? i}"`, text: `${JSON.stringify(response.headers)}\n${response.text}` })),
  ];

  it.each([...KEYS.keys()])('%s: 0 occurrences, raw, URL-encoded, base64 or any 8-character window', async (name) => {
    const places = [...emitted(), { where: 'sample file', text: await readFile(sampleFile, 'utf8') }];
    const found = formsOf(key(name)).flatMap(({ form, text }) => places.filter((place) => place.text.includes(text)).map((place) => `${form} in ${place.where}`));
    expect(found).toEqual([]);
  });
});
