import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
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

  it('round-trips the config, revision and credentials, replacing the previous file and leaving no temp file', async () => {
    await saveLastGood(dir, { revision: 1, config: { version: 'a' }, credentials: { 'key/apiKey': 'sk-old' } });
    await saveLastGood(dir, { revision: 2, config: { version: 'b' }, credentials: { 'key/apiKey': 'sk-new' } });
    expect(await loadLastGood(dir)).toEqual({ revision: 2, config: { version: 'b' }, credentials: { 'key/apiKey': 'sk-new' } });
    expect(await readdir(dir)).toEqual(['last-good-config.json']);
  });

  it('keeps the file readable by its owner only, in a directory only its owner can enter', async () => {
    const state = join(dir, 'nested', 'state');
    await saveLastGood(state, { revision: 3, config: {}, credentials: { 'key/apiKey': 'sk-1' } });
    expect((await stat(join(state, 'last-good-config.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(state)).mode & 0o777).toBe(0o700);
  });

  it('creates the state dir when it does not exist yet', async () => {
    await saveLastGood(join(dir, 'nested', 'state'), { revision: 3, config: {}, credentials: {} });
    expect(await loadLastGood(join(dir, 'nested', 'state'))).toEqual({ revision: 3, config: {}, credentials: {} });
  });

  it('reads a file written before credentials were kept as one without credentials', async () => {
    await writeFile(join(dir, 'last-good-config.json'), '{"revision": 4, "config": {}}');
    expect(await loadLastGood(dir)).toEqual({ revision: 4, config: {}, credentials: {} });
  });

  it.each([
    { name: 'a file that is not JSON', text: '{"revision": 1, "config":' },
    { name: 'a file without a revision', text: '{"config": {}}' },
    { name: 'a fractional revision', text: '{"revision": 1.5, "config": {}}' },
    { name: 'credentials that are not strings', text: '{"revision": 1, "config": {}, "credentials": {"key/apiKey": 7}}' },
  ])('refuses $name', async ({ text }) => {
    await writeFile(join(dir, 'last-good-config.json'), text);
    await expect(loadLastGood(dir)).rejects.toThrow();
  });
});
