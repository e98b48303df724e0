// Test support: golden files. `UPDATE_GOLDEN=1` rewrites them; otherwise a missing or different
// golden fails the test. Only *.test.ts and contract.suite.ts import this.

import { expect } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

export function expectGolden(path: string, actual: string): void {
  if (UPDATE_GOLDEN) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`Missing golden ${path}; run the tests with UPDATE_GOLDEN=1 to write it.`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

export function expectJsonGolden(path: string, value: unknown): void {
  expectGolden(path, `${JSON.stringify(value, null, 2)}\n`);
}

export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** Case names of the files in `dir` ending in `suffix`, sorted. */
export function casesWithSuffix(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();
}

export function fixturePath(dir: string, file: string): string {
  return join(dir, file);
}

/** Freezes a value and everything reachable from it, so a mutating translator throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
