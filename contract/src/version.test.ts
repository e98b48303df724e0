import { describe, expect, it } from '@jest/globals';
import { canonicalJson, computeConfigVersion, withConfigVersion } from './version.js';
import type { SidecarConfig } from './config/types.js';

describe('canonicalJson', () => {
  it.each([
    ['sorts keys at every level', { b: 1, a: { d: [1, { z: 0, y: 1 }], c: null } }, '{"a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}'],
    ['keeps array order', [3, 1, 2], '[3,1,2]'],
    ['drops undefined members as JSON does', { a: undefined, b: 'x' }, '{"b":"x"}'],
    ['escapes strings as JSON does', { 'k"': 'line\nbreak' }, '{"k\\"":"line\\nbreak"}'],
    ['sorts integer-like keys as strings, not as JavaScript enumerates them', { 10: 'a', 9: 'b' }, '{"10":"a","9":"b"}'],
    ['takes an already sorted object as it is', { a: [{ b: 1, c: 2 }], d: 'e' }, '{"a":[{"b":1,"c":2}],"d":"e"}'],
    ['sorts an object nested under sorted ones', { a: { a: { z: 1, y: 2 } } }, '{"a":{"a":{"y":2,"z":1}}}'],
  ])('%s', (_sentence, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});

describe('computeConfigVersion', () => {
  const content = { schemaVersion: 1, scope: { namespace: 'a', workload: null }, endpoints: [], routes: [], aliases: [], budgets: [], secretRefs: [] } as const;

  it('is sha256: and 16 hex digits', () => {
    expect(computeConfigVersion(content as unknown as SidecarConfig)).toMatch(/^sha256:[0-9a-f]{16}$/);
  });

  it('ignores the version field itself', () => {
    const withVersion = { ...content, version: 'sha256:0000000000000000' } as unknown as SidecarConfig;
    expect(computeConfigVersion(withVersion)).toBe(computeConfigVersion(content as unknown as SidecarConfig));
  });

  it('ignores key order', () => {
    const reordered = { secretRefs: [], budgets: [], aliases: [], routes: [], endpoints: [], scope: { workload: null, namespace: 'a' }, schemaVersion: 1 };
    expect(computeConfigVersion(reordered as unknown as SidecarConfig)).toBe(computeConfigVersion(content as unknown as SidecarConfig));
  });

  it('changes with any content', () => {
    const other = { ...content, scope: { namespace: 'b', workload: null } };
    expect(computeConfigVersion(other as unknown as SidecarConfig)).not.toBe(computeConfigVersion(content as unknown as SidecarConfig));
  });
});

describe('withConfigVersion', () => {
  it('returns the config with every key in canonical order, so its plain JSON is its canonical JSON', () => {
    const content = { secretRefs: [], budgets: [], aliases: [], routes: [], endpoints: [], scope: { workload: null, namespace: 'a' }, schemaVersion: 1 };
    const config = withConfigVersion(content as unknown as SidecarConfig);
    expect(JSON.stringify(config)).toBe(canonicalJson(config));
    expect(config.version).toBe(computeConfigVersion(content as unknown as SidecarConfig));
  });
});
