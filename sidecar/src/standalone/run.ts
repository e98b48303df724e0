// `switchyard sidecar` as a process: compile the files, serve, reload on SIGHUP, stop on
// SIGINT/SIGTERM. Human-facing lines go to the given writers; runtime events are JSON log lines.

import { installCrashGuard } from '../http/crash-guard.js';
import { createLogger } from '../metrics/log.js';
import { ConfigRefusedError, startSidecar, type StandaloneSidecar } from './start.js';

export interface StandaloneArgs {
  readonly files: readonly string[];
  readonly host: string;
  readonly port: number;
  readonly namespace: string;
  readonly stateDir?: string | undefined;
}

export interface Console {
  out(line: string): void;
  err(line: string): void;
}

/** Resolves with an exit code when it cannot start; otherwise serves until a stop signal. */
export async function runStandalone(args: StandaloneArgs, console: Console): Promise<number | StandaloneSidecar> {
  const log = createLogger();
  installCrashGuard(log);
  let sidecar: StandaloneSidecar;
  try {
    sidecar = await startSidecar({ files: args.files, host: args.host, port: args.port, namespace: args.namespace, log, ...(args.stateDir === undefined ? {} : { stateDir: args.stateDir }) });
  } catch (error) {
    if (!(error instanceof ConfigRefusedError)) throw error;
    console.err('switchyard sidecar: nothing servable compiled from the files:');
    for (const problem of error.problems) console.err(`  ${problem}`);
    return 1;
  }
  for (const problem of sidecar.problems) console.err(`warning: ${problem}`);
  console.out(`switchyard sidecar serving ${describeModels(sidecar)} on ${sidecar.url} (config ${sidecar.holder.current?.version ?? 'none'})`);
  process.on('SIGHUP', () => void reload(sidecar, console));
  const stop = (): void => {
    void sidecar.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return sidecar;
}

async function reload(sidecar: StandaloneSidecar, console: Console): Promise<void> {
  const outcome = await sidecar.reload();
  for (const problem of outcome.problems) console.err(`${outcome.ok ? 'warning' : 'error'}: ${problem}`);
  if (outcome.ok) console.out(`reloaded: serving ${describeModels(sidecar)} (config ${outcome.version ?? ''})`);
  else console.err('reload refused; the previous config stays in use');
}

function describeModels(sidecar: StandaloneSidecar): string {
  const aliases = [...(sidecar.holder.current?.aliases.keys() ?? [])];
  return `${aliases.length} model${aliases.length === 1 ? '' : 's'} (${aliases.join(', ')})`;
}
