// switchyard sidecar: standalone (--config <file or dir>: no operator, no cluster), or in a pod
// (--operator-url: config from the operator's channel, as the injection webhook runs it).

import { parseArgs } from 'node:util';
import { DEFAULT_PORT, runClusterSidecar, runStandalone, type ClusterSidecarOptions, type StandaloneArgs } from '@switchyard/sidecar';
import { parsePort, UsageError, withUsageErrors } from './usage.js';

export const HELP = `usage: switchyard sidecar --config <file or dir> [--config …] [--port N] [--host H]
                         [--namespace NS] [--state-dir D]
       switchyard sidecar --operator-url U --ca-file F --token-file F --pod NS/NAME
                         [--state-dir D] [--port N] [--host H] [--admin-port N] [--admin-host H]

Serves the OpenAI-compatible API (/v1/chat/completions, /v1/embeddings, /v1/models).

Standalone, from resources compiled out of YAML files, with no operator and no cluster:
  -c, --config PATH    a YAML file, or a directory searched recursively (repeatable)
  -n, --namespace NS   namespace to compile for (default "default")

In a pod, with config from the operator's channel (the injection webhook sets these):
      --operator-url U   the operator's channel URL ($SWITCHYARD_OPERATOR_URL)
      --ca-file F        CA of the operator's certificate ($SWITCHYARD_OPERATOR_CA_FILE)
      --token-file F     the pod's projected ServiceAccount token ($SWITCHYARD_TOKEN_FILE)
      --pod NS/NAME      this pod, as the token's claims name it
      --admin-port N     also serve /healthz, /readyz and /metrics on this port for the kubelet
      --admin-host H     address of the admin port (default 0.0.0.0)

Both:
  -p, --port N         port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
      --host H         address to listen on (default 127.0.0.1)
      --state-dir D    keep the last good config here
  -h, --help           show this help

Standalone: Secrets as for switchyard compile; SIGHUP reloads the files (a bad reload keeps the
running config). In a pod: not ready (503) until a config is loaded, from the state dir or the
operator. SIGINT or SIGTERM stops.`;

const OPTIONS = {
  config: { type: 'string', short: 'c', multiple: true },
  'operator-url': { type: 'string' },
  'ca-file': { type: 'string' },
  'token-file': { type: 'string' },
  pod: { type: 'string' },
  'admin-port': { type: 'string' },
  'admin-host': { type: 'string' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'state-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parse>['values'];

const STANDALONE_ONLY = ['namespace'] as const;
const CLUSTER_ONLY = ['ca-file', 'token-file', 'pod', 'admin-port', 'admin-host'] as const;

function parse(argv: readonly string[]) {
  return withUsageErrors('sidecar', () => parseArgs({ args: [...argv], options: OPTIONS, strict: true }));
}

const env = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

function refuseFlags(values: Values, flags: readonly (keyof Values)[], mode: string): void {
  const given = flags.filter((flag) => values[flag] !== undefined);
  if (given.length > 0) throw new UsageError(`switchyard sidecar: ${given.map((flag) => `--${flag}`).join(', ')} ${given.length === 1 ? 'applies' : 'apply'} only ${mode} (see switchyard sidecar --help)`);
}

/** What the flags ask for; the webhook's injected args must parse to `cluster` (cli/sidecar.test.ts). */
export type SidecarCommand =
  | { readonly mode: 'help' }
  | { readonly mode: 'standalone'; readonly args: StandaloneArgs }
  | { readonly mode: 'cluster'; readonly options: ClusterSidecarOptions };

export function parseSidecarCommand(argv: readonly string[]): SidecarCommand {
  const { values } = parse(argv);
  if (values.help === true) return { mode: 'help' };
  if (values.config !== undefined && values['operator-url'] !== undefined) {
    throw new UsageError('switchyard sidecar: --config and --operator-url exclude each other: --config runs standalone, --operator-url takes config from the operator (see switchyard sidecar --help)');
  }
  const operatorUrl = values['operator-url'] ?? (values.config === undefined ? env('SWITCHYARD_OPERATOR_URL') : undefined);
  if (operatorUrl !== undefined) return { mode: 'cluster', options: clusterOptions(values, operatorUrl) };
  if (values.config === undefined) throw new UsageError('switchyard sidecar: --config (standalone) or --operator-url (in a pod) is required (see switchyard sidecar --help)');
  refuseFlags(values, CLUSTER_ONLY, 'with --operator-url');
  return {
    mode: 'standalone',
    args: {
      files: values.config,
      host: values.host ?? '127.0.0.1',
      port: parsePort('sidecar', values.port, DEFAULT_PORT),
      namespace: values.namespace ?? 'default',
      stateDir: values['state-dir'],
    },
  };
}

function clusterOptions(values: Values, operatorUrl: string): ClusterSidecarOptions {
  refuseFlags(values, STANDALONE_ONLY, 'with --config');
  const required = (flag: 'ca-file' | 'token-file' | 'pod', variable?: string): string => {
    const value = values[flag] ?? (variable === undefined ? undefined : env(variable));
    if (value === undefined) throw new UsageError(`switchyard sidecar: --${flag} is required with --operator-url${variable === undefined ? '' : ` (or set ${variable})`}`);
    return value;
  };
  const caFile = required('ca-file', 'SWITCHYARD_OPERATOR_CA_FILE');
  const tokenFile = required('token-file', 'SWITCHYARD_TOKEN_FILE');
  const pod = required('pod');
  if (!/^[^/\s]+\/[^/\s]+$/.test(pod)) throw new UsageError(`switchyard sidecar: --pod must be NAMESPACE/NAME, not ${JSON.stringify(pod)}`);
  return {
    operatorUrl,
    caFile,
    tokenFile,
    pod,
    stateDir: values['state-dir'],
    host: values.host ?? '127.0.0.1',
    port: parsePort('sidecar', values.port, DEFAULT_PORT),
    ...(values['admin-port'] === undefined ? {} : { adminPort: parsePort('sidecar', values['admin-port'], 0, '--admin-port') }),
    ...(values['admin-host'] === undefined ? {} : { adminHost: values['admin-host'] }),
  };
}

export async function run(argv: readonly string[]): Promise<number | undefined> {
  const command = parseSidecarCommand(argv);
  if (command.mode === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (command.mode === 'cluster') {
    await runClusterSidecar({ ...command.options, handleSignals: true });
    return undefined;
  }
  const started = await runStandalone(command.args, { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) });
  return typeof started === 'number' ? started : undefined;
}
