// The switchyard CLI as a user runs it (the built operator/dist/cli/main.js, and the bundle the
// image ships, operator/dist/bundle/switchyard.js; run `make build` first), and the demo behind
// `make demo-standalone`.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { validateSidecarConfig } from '@switchyard/contract';
import { postJson, send } from './http-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'operator', 'dist', 'cli', 'main.js');
const BUNDLE = join(ROOT, 'operator', 'dist', 'bundle', 'switchyard.js');
const ENTRIES = [['the built CLI', CLI], ['the bundled CLI', BUNDLE]] as const;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function switchyard(args: readonly string[], env: NodeJS.ProcessEnv = process.env, nodeArgs: readonly string[] = [], entry: string = CLI): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgs, entry, ...args], { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchyard-cli-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('switchyard compile', () => {
  // The top-level examples are the set a user applies with kubectl; examples/standalone and
  // examples/cluster are separate sets for the two demos and reuse the same names.
  const EXAMPLES = ['budgetpolicy', 'modelroute', 'providerpool', 'secrets'].map((name) => `examples/${name}.yaml`);

  it('compiles the examples to a valid config, the same bytes every time', async () => {
    const [first, second] = await Promise.all([switchyard(['compile', ...EXAMPLES]), switchyard(['compile', ...EXAMPLES])]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(validateSidecarConfig(JSON.parse(first.stdout)).ok).toBe(true);
  });

  it.each([
    {
      name: 'a field of the wrong type names the resource and the field',
      yaml: 'apiVersion: switchyard.dev/v1alpha1\nkind: ModelRoute\nmetadata: { name: broken }\nspec: { match: { models: [x] }, targets: oops }\n',
      expected: ['modelroute/broken', 'spec.targets'],
    },
    {
      name: 'a reference to a missing pool names the route and the pool',
      yaml: 'apiVersion: switchyard.dev/v1alpha1\nkind: ModelRoute\nmetadata: { name: lonely }\nspec:\n  match: { models: [x] }\n  targets: [{ name: t, pool: nowhere, model: m }]\n',
      expected: ['modelroute/lonely', 'PoolNotFound', 'nowhere'],
    },
    {
      name: 'a missing secret names the secret and the variable that would supply it',
      yaml: 'apiVersion: switchyard.dev/v1alpha1\nkind: ProviderPool\nmetadata: { name: p }\nspec:\n  endpoints:\n    - name: e\n      provider: openai\n      baseURL: https://api.openai.com/v1\n      credentials: { secretRef: { name: absent } }\n      models: [{ name: m, capabilities: { contextWindowTokens: 1000 }, pricing: { inputPerMillion: "1", outputPerMillion: "1" } }]\n',
      expected: ['secret/absent apiKey', 'SWITCHYARD_SECRET_ABSENT_APIKEY', 'providerpool/p: SecretNotFound'],
    },
  ])('$name', async ({ yaml, expected }) => {
    const file = join(scratch, `${expected[0]?.replace(/\W/g, '-')}.yaml`);
    await writeFile(file, yaml);
    const run = await switchyard(['compile', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    for (const text of expected) expect(run.stderr).toContain(text);
  });

  it('takes a referenced Secret from SWITCHYARD_SECRET_<SECRET>_<KEY>', async () => {
    const file = join(scratch, 'from-env.yaml');
    await writeFile(file, 'apiVersion: switchyard.dev/v1alpha1\nkind: ProviderPool\nmetadata: { name: p }\nspec:\n  endpoints:\n    - name: e\n      provider: openai\n      baseURL: https://api.openai.com/v1\n      credentials: { secretRef: { name: from-env, key: token } }\n      models: [{ name: m, capabilities: { contextWindowTokens: 1000 }, pricing: { inputPerMillion: "1", outputPerMillion: "1" } }]\n---\napiVersion: switchyard.dev/v1alpha1\nkind: ModelRoute\nmetadata: { name: r }\nspec:\n  match: { models: [x] }\n  targets: [{ name: t, pool: p, model: m }]\n');
    const run = await switchyard(['compile', file], { ...process.env, SWITCHYARD_SECRET_FROM_ENV_TOKEN: 'sk-from-env-value' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('"secret": "from-env"');
    expect(run.stdout).not.toContain('sk-from-env-value');
  });
});

describe('command-line mistakes exit 2 with a message naming them', () => {
  it.each([
    { name: 'an unknown flag', args: ['compile', '--frobnicate', 'examples/'], message: 'unknown flag --frobnicate' },
    { name: 'an unknown command', args: ['deploy'], message: 'unknown command deploy' },
    { name: 'a sidecar without --config or --operator-url', args: ['sidecar'], message: '--config (standalone) or --operator-url (in a pod) is required' },
    { name: 'a port that is not a number', args: ['sidecar', '--config', 'examples/standalone', '--port', 'eighty'], message: '--port must be a number' },
    { name: 'a sidecar with both --config and --operator-url', args: ['sidecar', '--config', 'x', '--operator-url', 'y'], message: '--config and --operator-url exclude each other' },
    { name: 'an in-cluster sidecar without --ca-file', args: ['sidecar', '--operator-url', 'https://op:9443', '--token-file', 't', '--pod', 'ns/p'], message: '--ca-file is required with --operator-url' },
    { name: 'an in-cluster sidecar whose --pod is not NAMESPACE/NAME', args: ['sidecar', '--operator-url', 'https://op:9443', '--ca-file', 'c', '--token-file', 't', '--pod', 'p'], message: '--pod must be NAMESPACE/NAME' },
    { name: 'an admin port that is not a number', args: ['sidecar', '--operator-url', 'https://op:9443', '--ca-file', 'c', '--token-file', 't', '--pod', 'ns/p', '--admin-port', 'x'], message: '--admin-port must be a number' },
    { name: 'a standalone sidecar given an in-cluster flag', args: ['sidecar', '--config', 'examples/standalone', '--admin-port', '9681'], message: '--admin-port applies only with --operator-url' },
    { name: 'an operator with neither TLS files nor --webhook', args: ['operator'], message: '--tls-cert and --tls-key are required without --webhook' },
    { name: 'an operator flag it does not know', args: ['operator', '--frobnicate'], message: 'unknown flag --frobnicate' },
    { name: 'a proxy-status flag it does not know', args: ['proxy-status', '--frobnicate'], message: 'unknown flag --frobnicate' },
  ])('$name', async ({ args, message }) => {
    const run = await switchyard(args, { ...process.env, SWITCHYARD_WEBHOOK_ENABLED: '', SWITCHYARD_TLS_CERT_FILE: '', SWITCHYARD_OPERATOR_URL: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it.each([['--help'], ['compile', '--help'], ['sidecar', '-h'], ['operator', '--help'], ['proxy-status', '--help']])('%s prints help and exits 0', async (...args) => {
    const run = await switchyard(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: switchyard/);
  });

  it.each([
    ['operator --help prints the webhook and TLS flags', ['operator', '--help'], ['--webhook', '--tls-cert', '--leader-elect']],
    ['proxy-status --help prints where to ask and with which credentials', ['proxy-status', '--help'], ['--operator-url', '--token-file']],
    ['sidecar --help prints both modes', ['sidecar', '--help'], ['--config', '--operator-url', '--admin-port', '--pod']],
  ])('%s', async (_sentence, args, flags) => {
    const { stdout } = await switchyard(args);
    for (const flag of flags) expect(stdout).toContain(flag);
  });
});

describe('lazy commands', () => {
  // Reports every module URL Node loads, so the test sees what a command pulled in.
  const traceKubeClient = `data:text/javascript,${encodeURIComponent(
    'import { registerHooks } from "node:module"; registerHooks({ load(url, context, next) { if (url.includes("@kubernetes/client-node")) process.stderr.write("loaded @kubernetes/client-node\\n"); return next(url, context); } });',
  )}`;

  it.each(ENTRIES.flatMap(([form, entry]) => [
    [`${form}: the sidecar never loads the Kubernetes client`, entry, ['sidecar', '--help'], false],
    [`${form}: the in-cluster sidecar never loads the Kubernetes client`, entry, ['sidecar', '--operator-url', 'https://op:9443', '--ca-file', 'c'], false],
    [`${form}: compile never loads the Kubernetes client`, entry, ['compile', '--help'], false],
    [`${form}: the operator does load it (so the check above is real)`, entry, ['operator', '--help'], true],
  ] as const))('%s', async (_sentence, entry, args, loads) => {
    const run = await switchyard(args, process.env, ['--import', traceKubeClient], entry);
    expect(run.stderr.includes('loaded @kubernetes/client-node')).toBe(loads);
  });
});

describe('switchyard sidecar', () => {
  it('refuses to start when nothing servable compiles, with the reasons', async () => {
    const dir = join(scratch, 'nothing');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'route.yaml'), 'apiVersion: switchyard.dev/v1alpha1\nkind: ModelRoute\nmetadata: { name: broken }\nspec: { match: { models: [x] }, targets: oops }\n');
    const run = await switchyard(['sidecar', '--config', dir, '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing servable');
    expect(run.stderr).toContain('modelroute/broken spec.targets');
  });

  it.each(ENTRIES)('%s serves the example files, reloads on SIGHUP and stops on SIGTERM', async (_form, entry) => {
    const child = spawn(process.execPath, [entry, 'sidecar', '--config', 'examples/standalone', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)?.[1] ?? '';
    expect(first).toContain('serving 7 models');
    expect(JSON.parse((await send(`${url}/readyz`)).text)).toMatchObject({ status: 'ready', revision: 1 });
    const unreachable = await postJson(`${url}/v1/chat/completions`, { model: 'demo-openai', messages: [{ role: 'user', content: 'hi' }] });
    expect([200, 502]).toContain(unreachable.status);
    child.kill('SIGHUP');
    const [reloaded] = (await once(lines, 'line')) as [string];
    expect(reloaded).toMatch(/^reloaded: serving 7 models/);
    expect(JSON.parse((await send(`${url}/readyz`)).text)).toMatchObject({ revision: 2 });
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
  });
});

describe('the demo', () => {
  it('runs the showcase and exits 0 with DEMO_EXIT=1', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile(join(ROOT, 'examples', 'standalone', 'demo.sh'), [], { cwd: ROOT, env: { ...process.env, DEMO_EXIT: '1', DEMO_PORT: '0' } }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      });
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Hello from anthropic claude-haiku-4-5');
    expect(run.stdout).toContain('data: [DONE]');
    expect(run.stdout).toContain('"id":"demo-openai"');
  });
});
