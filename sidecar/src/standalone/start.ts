// startSidecar: a sidecar serving a given config, the config compiled from YAML files
// (standalone mode), or nothing yet (not ready until a config is loaded).

import type { Credentials } from '../config/credentials.js';
import type { LoadOutcome } from '../config/holder.js';
import { ExperimentRecorder } from '../experiments/index.js';
import { startServer, type ServerOptions, type Sidecar } from '../http/start.js';
import { compileFiles, isServable } from './compile-files.js';
import type { Env } from './secrets.js';

export type StartOptions = ServerOptions & {
  /** A compiled SidecarConfig (validated like any other). */
  readonly config?: unknown;
  readonly credentials?: Credentials;
  /** YAML files or directories to compile instead of `config`. */
  readonly files?: readonly string[];
  /** Namespace the files are compiled for; default "default". */
  readonly namespace?: string;
  /** Where `${NAME}` and SWITCHYARD_SECRET_* values come from; default process.env. */
  readonly env?: Env;
};

export interface ReloadOutcome {
  readonly ok: boolean;
  readonly version: string | null;
  readonly problems: readonly string[];
}

export interface StandaloneSidecar extends Sidecar {
  /** Problems found while compiling the files at start (resources left out, secrets missing). */
  readonly problems: readonly string[];
  /** Per-variant figures of the route experiments this sidecar served. */
  readonly experiments: ExperimentRecorder;
  /** Compiles the files again and swaps the config in if it is servable; the old one stays otherwise. */
  reload(): Promise<ReloadOutcome>;
}

/** Nothing servable compiled, or a given config was refused. */
export class ConfigRefusedError extends Error {
  override readonly name = 'ConfigRefusedError';
  constructor(readonly problems: readonly string[]) {
    super(`no servable config:\n${problems.join('\n')}`);
  }
}

/**
 * @example
 * const sidecar = await startSidecar({ files: ['examples/standalone'], port: 0 });
 * const client = new OpenAI({ baseURL: `${sidecar.url}/v1`, apiKey: 'unused' });
 */
export async function startSidecar(options: StartOptions): Promise<StandaloneSidecar> {
  const files = options.files;
  const compileOptions = { namespace: options.namespace ?? 'default', env: options.env ?? process.env };
  const initial = files === undefined ? undefined : await compileFiles(files, compileOptions);
  if (initial !== undefined && !isServable(initial.result)) throw new ConfigRefusedError(initial.problems);
  const experiments = new ExperimentRecorder(options.log === undefined ? {} : { log: options.log });
  const sidecar = await startServer({ ...options, onFinished: [...(options.onFinished ?? []), experiments.listener] });
  let revision = 0;
  const load = (config: unknown, credentials: Credentials): Promise<LoadOutcome> => sidecar.holder.load(config, credentials, ++revision);
  const document = initial?.result.config ?? options.config;
  if (document !== undefined) {
    const outcome = await load(document, initial?.credentials ?? options.credentials ?? {});
    if (!outcome.ok) {
      await sidecar.close(0);
      throw new ConfigRefusedError(outcome.errors);
    }
  }
  const reload = async (): Promise<ReloadOutcome> => {
    if (files === undefined) return { ok: false, version: null, problems: ['no files to reload'] };
    const again = await compileFiles(files, compileOptions).catch((error: unknown) => error instanceof Error ? error : new Error(String(error)));
    if (again instanceof Error) return { ok: false, version: null, problems: [again.message] };
    if (!isServable(again.result)) return { ok: false, version: null, problems: again.problems };
    const outcome = await load(again.result.config, again.credentials);
    return outcome.ok ? { ok: true, version: outcome.version, problems: again.problems } : { ok: false, version: null, problems: outcome.errors };
  };
  const close = async (graceMs?: number): Promise<void> => {
    await sidecar.close(graceMs);
    experiments.close();
  };
  return { ...sidecar, problems: initial?.problems ?? [], experiments, reload, close };
}
