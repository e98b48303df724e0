// The YAML files a standalone sidecar (or `switchyard compile`) reads: each path is a file, or a
// directory searched recursively for .yaml/.yml. Sorted, so the same tree always reads the same.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const YAML_FILE = /\.ya?ml$/i;

/** Throws when a path does not exist, naming it. */
export async function listConfigFiles(paths: readonly string[]): Promise<string[]> {
  const found = await Promise.all(paths.map(filesUnder));
  return [...new Set(found.flat())].sort();
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new Error(`${path}: no such file or directory`);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}
