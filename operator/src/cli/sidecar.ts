// switchyard sidecar --config <file or dir> ...: the standalone sidecar (no operator, no cluster).

import { parseArgs } from 'node:util';
import { DEFAULT_PORT, runStandalone } from '@switchyard/sidecar';
import { parsePort, UsageError, withUsageErrors } from './usage.js';

export const HELP = `usage: switchyard sidecar --config <file or dir> [--config …] [--port N] [--host H]
                         [--namespace NS] [--state-dir D]

Serves the OpenAI-compatible API (/v1/chat/completions, /v1/embeddings, /v1/models) from
resources compiled out of YAML files, with no operator and no cluster.

  -c, --config PATH    a YAML file, or a directory searched recursively (repeatable)
  -p, --port N         port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
      --host H         address to listen on (default 127.0.0.1)
  -n, --namespace NS   namespace to compile for (default "default")
      --state-dir D    keep the last good config here
  -h, --help           show this help

Secrets as for switchyard compile. SIGHUP reloads the files (a bad reload keeps the running
config); SIGINT or SIGTERM stops.`;

export async function run(argv: readonly string[]): Promise<number | undefined> {
  const { values } = withUsageErrors('sidecar', () => parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string', short: 'c', multiple: true },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      'state-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
  if (values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.config === undefined) throw new UsageError('switchyard sidecar: --config is required (see switchyard sidecar --help)');
  const started = await runStandalone({
    files: values.config,
    host: values.host ?? '127.0.0.1',
    port: parsePort('sidecar', values.port, DEFAULT_PORT),
    namespace: values.namespace ?? 'default',
    stateDir: values['state-dir'],
  }, { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) });
  return typeof started === 'number' ? started : undefined;
}
