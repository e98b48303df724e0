import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLastGood, saveLastGood } from './last-good.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'last-good-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the last good config on disk', () => {
  it('is absent before the first save', async () => {
    expect(await loadLastGood(dir)).toBeUndefined();
  });

  it('round-trips the config and revision, replacing the previous file and leaving no temp file', async () => {
    await saveLastGood(dir, { revision: 1, config: { version: 'a' } });
    await saveLastGood(dir, { revision: 2, config: { version: 'b' } });
    expect(await loadLastGood(dir)).toEqual({ revision: 2, config: { version: 'b' } });
    expect(await readdir(dir)).toEqual(['last-good-config.json']);
  });

  it('creates the state dir when it does not exist yet', async () => {
    await saveLastGood(join(dir, 'nested', 'state'), { revision: 3, config: {} });
    expect(await loadLastGood(join(dir, 'nested', 'state'))).toEqual({ revision: 3, config: {} });
  });

  it.each([
    { name: 'a file that is not JSON', text: '{"revision": 1, "config":' },
    { name: 'a file without a revision', text: '{"config": {}}' },
    { name: 'a fractional revision', text: '{"revision": 1.5, "config": {}}' },
  ])('refuses $name', async ({ text }) => {
    await writeFile(join(dir, 'last-good-config.json'), text);
    await expect(loadLastGood(dir)).rejects.toThrow();
  });
});
