// The last config that loaded, with its revision and the credential values it was loaded with,
// so a restarted sidecar serves while the operator is away (ADR 0009). The file is 0600 in a
// 0700 directory, and the injected state directory is a memory-backed emptyDir: the values live
// as long as the pod, on tmpfs like a mounted Secret, never on the node's disk. Writes are
// atomic (temp file, fsync, rename, fsync of the directory) so a crash leaves the old file or
// the new one, never half of either.

import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

const FILE_NAME = 'last-good-config.json';

export interface LastGood {
  readonly revision: number;
  /** Unvalidated: the caller validates it like any other incoming config. */
  readonly config: unknown;
  /** `<secret>/<key>` → value, as the snapshot delivered them. */
  readonly credentials: Readonly<Record<string, string>>;
}

export async function saveLastGood(stateDir: string, entry: LastGood): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const target = join(stateDir, FILE_NAME);
  const temporary = `${target}.${process.pid}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(JSON.stringify({ revision: entry.revision, config: entry.config, credentials: entry.credentials }));
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(stateDir);
}

/** Undefined when there is no file yet; throws when the file exists but is not ours. */
export async function loadLastGood(stateDir: string): Promise<LastGood | undefined> {
  let text: string;
  try {
    text = await readFile(join(stateDir, FILE_NAME), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || !('revision' in parsed) || !('config' in parsed)) {
    throw new Error(`${FILE_NAME}: expected {revision, config}`);
  }
  const revision = parsed.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision)) throw new Error(`${FILE_NAME}: revision must be an integer`);
  return { revision, config: parsed.config, credentials: credentialsOf('credentials' in parsed ? parsed.credentials : undefined) };
}

/** Files written before credentials were kept have none: their endpoints wait for the operator. */
function credentialsOf(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const valid = typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.values(value).every((entry) => typeof entry === 'string');
  if (!valid) throw new Error(`${FILE_NAME}: credentials must map names to strings`);
  return value as Record<string, string>;
}

/** The rename is durable only once the directory entry is. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Not `instanceof Error`: fs errors may come from another realm (a test VM context). */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
