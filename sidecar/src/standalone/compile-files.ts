// Files → parsed resources and Secrets → compile, for one namespace. Shared by the standalone
// sidecar and `switchyard compile`, so both say the same thing about the same files.

import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { compile, parseResources, type CompileResult, type Finding, type ParsedSecret, type SwitchyardResource } from '@switchyard/contract';
import type { Credentials } from '../config/credentials.js';
import { listConfigFiles } from './files.js';
import { resolveSecrets, type Env } from './secrets.js';

export interface CompileFilesOptions {
  readonly namespace: string;
  readonly env: Env;
}

export interface CompiledFiles {
  readonly files: readonly string[];
  readonly result: CompileResult;
  readonly credentials: Credentials;
  /** Every problem, one line each, naming file or resource and field: parse errors, secrets, findings, errors. */
  readonly problems: readonly string[];
}

/** Throws only when a path does not exist or a file cannot be read. */
export async function compileFiles(paths: readonly string[], options: CompileFilesOptions): Promise<CompiledFiles> {
  const files = await listConfigFiles(paths);
  const resources: SwitchyardResource[] = [];
  const secrets: ParsedSecret[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const source = relative(process.cwd(), file) || file;
    const parsed = parseResources(await readFile(file, 'utf8'), source);
    resources.push(...parsed.resources);
    secrets.push(...parsed.secrets);
    problems.push(...parsed.errors.map((error) => `${error.source} (document ${error.index + 1}): ${error.message}`));
  }
  const resolved = resolveSecrets(resources, secrets, options.namespace, options.env);
  const result = compile({ namespace: options.namespace, resources, secrets: resolved.keys });
  problems.push(...resolved.problems, ...result.findings.map(describeFinding), ...result.errors);
  return { files, result, credentials: resolved.values, problems };
}

/** @example 'modelroute/chat: TargetNotFound: failover.chain: target "x" is not a target of the route' */
export function describeFinding(finding: Finding): string {
  return `${finding.kind.toLowerCase()}/${finding.name}: ${finding.reason}: ${finding.message}`;
}

/** A config worth serving: it compiled and exposes at least one model. */
export function isServable(result: CompileResult): boolean {
  return result.config !== null && result.config.aliases.length > 0;
}
