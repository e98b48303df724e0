// Writing or checking a generator's output files: the same files, byte for byte, either way.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/** Absolute path → expected content. */
export type Outputs = ReadonlyMap<string, string>;

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Paths (relative to root) whose content differs from the expected, or that are missing. */
export function staleOutputs(outputs: Outputs, root: string): string[] {
  return [...outputs].filter(([path, content]) => readIfPresent(path) !== content).map(([path]) => relative(root, path));
}

export function writeOutputs(outputs: Outputs): void {
  for (const [path, content] of outputs) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}
