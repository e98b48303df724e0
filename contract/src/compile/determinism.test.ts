// Same input in any order ⇒ same result and version; any change of content ⇒ a new version.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SwitchyardResource } from '../api/types.js';
import { parseResources } from '../yaml/parse.js';
import { secretKeysOf } from '../yaml/secrets.js';
import { compile } from './compile.js';
import type { CompileInput } from './types.js';

const NAMESPACE = 'team-a';

function inputOf(goldenCase: string, namespace = NAMESPACE): CompileInput {
  const text = readFileSync(join(import.meta.dirname, '__golden__', `${goldenCase}.in.yaml`), 'utf8');
  const parsed = parseResources(text, goldenCase);
  return { namespace, resources: parsed.resources, secrets: secretKeysOf(parsed.secrets, namespace) };
}

/** Small seeded generator (mulberry32): every run shuffles the same way, so failures reproduce. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Rebuilds every object with its keys in random order; arrays keep their order (it can mean something). */
function withShuffledKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => withShuffledKeys(item, random));
  if (typeof value !== 'object' || value === null) return value;
  const entries = shuffled(Object.entries(value), random);
  return Object.fromEntries(entries.map(([key, item]) => [key, withShuffledKeys(item, random)]));
}

function reordered(input: CompileInput, seed: number): CompileInput {
  const random = seeded(seed);
  return {
    ...input,
    resources: shuffled(input.resources, random).map((resource) => withShuffledKeys(resource, random) as SwitchyardResource),
    secrets: shuffled(input.secrets, random).map((secret) => ({ ...secret, keys: shuffled(secret.keys, random) })),
  };
}

describe('compile is deterministic', () => {
  it.each(['full', 'alias-conflict', 'invalid-value', 'secret-not-found'])(
    'gives the same result for %s whatever the order of resources and keys',
    (goldenCase) => {
      const namespace = goldenCase === 'full' ? NAMESPACE : 'default';
      const input = inputOf(goldenCase, namespace);
      const expected = compile(input);
      for (let seed = 1; seed <= 25; seed++) {
        const result = compile(reordered(input, seed));
        expect(result.config?.version).toBe(expected.config?.version);
        expect(result).toEqual(expected);
      }
    },
  );
});

type Edit = (resources: SwitchyardResource[]) => void;

function find<K extends SwitchyardResource['kind']>(resources: SwitchyardResource[], kind: K, name: string): Extract<SwitchyardResource, { kind: K }> {
  const found = resources.find((resource) => resource.kind === kind && resource.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} not in fixture`);
  return found as Extract<SwitchyardResource, { kind: K }>;
}

describe('the version follows the content', () => {
  const base = inputOf('full');
  const baseVersion = compile(base).config?.version;

  it.each<[string, Edit]>([
    ['a price moves by one cent', (r) => { find(r, 'ProviderPool', 'frontier').spec.endpoints[0]!.models[0]!.pricing.inputPerMillion = '2.51'; }],
    ['a retry setting changes', (r) => { find(r, 'ModelRoute', 'chat').spec.retry = { maxAttempts: 5 }; }],
    ['a target is renamed everywhere it is used', (r) => {
      const spec = find(r, 'ModelRoute', 'chat-canary').spec;
      spec.targets[0]!.name = 'azure-eu';
    }],
    ['an endpoint gains a compliance tag', (r) => { find(r, 'ProviderPool', 'frontier').spec.endpoints[0]!.complianceTags!.push('hipaa'); }],
    ['a budget limit changes', (r) => { find(r, 'BudgetPolicy', 'canary-daily').spec.limit = '10.51'; }],
    ['a credential key changes', (r) => { find(r, 'ProviderPool', 'frontier').spec.endpoints[2]!.credentials!.secretRef.key = 'other'; }],
    ['semantic rules swap order (first match wins)', (r) => {
      const rules = find(r, 'ModelRoute', 'chat').spec.semantic!.rules!;
      [rules[0], rules[1]] = [rules[1]!, rules[0]!];
    }],
    ['a route is added', (r) => {
      r.push({ apiVersion: 'switchyard.dev/v1alpha1', kind: 'ModelRoute', metadata: { name: 'extra' },
        spec: { match: { models: ['extra'] }, targets: [{ name: 'mini', pool: 'frontier', model: 'gpt-4o-mini' }] } });
    }],
  ])('changes when %s', (_sentence, edit) => {
    const input = structuredClone(base);
    edit(input.resources);
    const result = compile(input);
    expect(result.findings).toEqual([]);
    expect(result.config?.version).not.toBe(baseVersion);
  });

  it.each<[string, Edit]>([
    ['a resource of another namespace changes', (r) => { find(r, 'ModelRoute', 'elsewhere').spec.match.models = ['other']; }],
    ['status changes', (r) => { find(r, 'ModelRoute', 'chat').status = { observedGeneration: 7 }; }],
    ['a list that is a set is reordered', (r) => { find(r, 'ProviderPool', 'frontier').spec.endpoints.reverse(); }],
    ['a pool no selected route uses changes', (r) => {
      r.push({ apiVersion: 'switchyard.dev/v1alpha1', kind: 'ProviderPool', metadata: { name: 'unused' }, spec: { endpoints: [
        { name: 'x', provider: 'gemini', baseURL: 'https://generativelanguage.googleapis.com/v1beta', models: [
          { name: 'gemini-2.0-flash', capabilities: { contextWindowTokens: 1_000_000 }, pricing: { inputPerMillion: '0.1', outputPerMillion: '0.4' } }] }] } });
    }],
  ])('stays the same when %s', (_sentence, edit) => {
    const input = structuredClone(base);
    edit(input.resources);
    expect(compile(input).config?.version).toBe(baseVersion);
  });
});
