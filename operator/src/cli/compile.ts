// switchyard compile <files or dirs...> [--namespace ns]: the config a sidecar would get, as JSON
// on stdout; or every problem, one line each naming file or resource and field, on stderr (exit 1).

import { parseArgs } from 'node:util';
import { compileFiles } from '@switchyard/sidecar';
import { UsageError, withUsageErrors } from './usage.js';

export const HELP = `usage: switchyard compile <file or dir>... [--namespace NS]

Compiles ProviderPool, ModelRoute and BudgetPolicy resources (and the Secrets they reference)
from YAML files, or directories searched recursively for .yaml/.yml, into the sidecar config.

  -n, --namespace NS   compile for this namespace (default "default")
  -h, --help           show this help

Secrets: kind: Secret documents in the files; a value written \${NAME} is read from the
environment; a referenced Secret missing from the files is read from
SWITCHYARD_SECRET_<SECRET>_<KEY>. Only names reach the output, never values.

Exit status: 0 with the config JSON on stdout; 1 with the problems on stderr; 2 on usage errors.`;

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = withUsageErrors('compile', () => parseArgs({
    args: [...argv],
    options: { namespace: { type: 'string', short: 'n' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  }));
  if (values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('switchyard compile: name at least one file or directory (see switchyard compile --help)');
  const compiled = await compileFiles(positionals, { namespace: values.namespace ?? 'default', env: process.env });
  const config = compiled.result.config;
  if (compiled.problems.length > 0 || config === null) {
    for (const problem of compiled.problems) process.stderr.write(`${problem}\n`);
    if (compiled.files.length === 0) process.stderr.write('no .yaml or .yml files found\n');
    return 1;
  }
  process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
  return 0;
}
