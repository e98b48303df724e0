// The API rules for crds/*.yaml that need no cluster: descriptions everywhere, bounds on every
// string, list, map and integer, keyed lists, money as decimal strings, metav1.Condition status,
// schema defaults, and an invalid fixture for every CEL rule.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

const repoRoot = new URL('../../../', import.meta.url);

interface Validation {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
}

interface SchemaNode {
  description?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  format?: string;
  pattern?: string;
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: Validation[];
}

interface CrdManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string; singular: string; shortNames?: string[]; categories?: string[] };
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      subresources?: { status?: object };
      additionalPrinterColumns?: { name: string; jsonPath: string }[];
      schema: { openAPIV3Schema: SchemaNode };
    }[];
  };
}

interface Visited {
  /** e.g. "spec.endpoints[].models[].name"; "" for the root. */
  path: string;
  node: SchemaNode;
}

const files = ['providerpools.yaml', 'modelroutes.yaml', 'budgetpolicies.yaml'] as const;

function readText(relative: string): string {
  return readFileSync(new URL(relative, repoRoot), 'utf8');
}

const manifests = new Map(files.map((file) => [file, parse(readText(`crds/${file}`)) as CrdManifest]));

function manifest(file: string): CrdManifest {
  const found = manifests.get(file as (typeof files)[number]);
  if (!found) throw new Error(`no CRD ${file}`);
  return found;
}

function rootSchema(file: string): SchemaNode {
  const version = manifest(file).spec.versions[0];
  if (!version) throw new Error(`${file} has no version`);
  return version.schema.openAPIV3Schema;
}

function walk(node: SchemaNode, path = '', out: Visited[] = []): Visited[] {
  out.push({ path, node });
  for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, path ? `${path}.${name}` : name, out);
  if (node.items) walk(node.items, `${path}[]`, out);
  if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}{}`, out);
  return out;
}

const nodes = new Map(files.map((file) => [file, walk(rootSchema(file))]));

function nodesOf(file: string): Visited[] {
  return nodes.get(file as (typeof files)[number]) ?? [];
}

/** Paths in `file` whose node fails `ok`, so a failure names every offender at once. */
function offenders(file: string, applies: (node: SchemaNode, path: string) => boolean, ok: (node: SchemaNode) => boolean): string[] {
  return nodesOf(file).filter(({ node, path }) => applies(node, path) && !ok(node)).map(({ path }) => path || '(root)');
}

// Lists whose order carries meaning (priority, failover order, primary alias first), and the
// LabelSelector's matchExpressions, which Kubernetes itself treats as atomic.
const atomicLists = new Set([
  'spec.match.models',
  'spec.useCases[].targets',
  'spec.failover.chain',
  'spec.workloadSelector.matchExpressions',
]);
const MONEY = '^[0-9]{1,9}(\\.[0-9]{1,6})?$';

describe.each(files.map((file) => [file]))('crds/%s', (file) => {
  it('is a namespaced v1alpha1 CRD in switchyard.dev with a status subresource', () => {
    const crd = manifest(file);
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd.spec.group).toBe('switchyard.dev');
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.versions.map(({ name, served, storage }) => ({ name, served, storage })))
      .toEqual([{ name: 'v1alpha1', served: true, storage: true }]);
    expect(crd.spec.versions[0]?.subresources?.status).toEqual({});
    expect(crd.spec.names.categories).toEqual(['switchyard']);
  });

  it('gives every schema node a description (the root metadata may have none)', () => {
    expect(offenders(file, (_node, path) => path !== 'metadata', (node) => (node.description ?? '').trim().length > 0)).toEqual([]);
  });

  it('bounds every string with maxLength or enum', () => {
    expect(offenders(file, (node) => node.type === 'string', (node) => node.maxLength !== undefined || node.enum !== undefined)).toEqual([]);
  });

  it('bounds every list with maxItems and declares its list type', () => {
    expect(offenders(file, (node) => node.type === 'array',
      (node) => node.maxItems !== undefined && node['x-kubernetes-list-type'] !== undefined)).toEqual([]);
  });

  it('bounds every map with maxProperties', () => {
    expect(offenders(file, (node) => typeof node.additionalProperties === 'object', (node) => node.maxProperties !== undefined)).toEqual([]);
  });

  it('bounds every integer with minimum and maximum', () => {
    expect(offenders(file, (node) => node.type === 'integer', (node) => node.minimum !== undefined && node.maximum !== undefined)).toEqual([]);
  });

  it('keys every list of named things by name', () => {
    expect(offenders(file, (node) => node.items?.properties?.['name'] !== undefined, (node) =>
      node['x-kubernetes-list-type'] === 'map' && node['x-kubernetes-list-map-keys']?.join() === 'name')).toEqual([]);
  });

  it('makes every list of objects a map list, except the atomic ones', () => {
    expect(offenders(file, (node, path) => node.items?.type === 'object' && !atomicLists.has(path),
      (node) => node['x-kubernetes-list-type'] === 'map')).toEqual([]);
  });

  it('requires the keys of every map list', () => {
    expect(offenders(file, (node) => node['x-kubernetes-list-type'] === 'map', (node) =>
      (node['x-kubernetes-list-map-keys'] ?? []).length > 0
      && (node['x-kubernetes-list-map-keys'] ?? []).every((key) => node.items?.required?.includes(key)))).toEqual([]);
  });

  it('makes lists of scalars sets, unless their order matters', () => {
    expect(offenders(file, (node, path) => node.type === 'array' && node.items?.type !== 'object' && !atomicLists.has(path),
      (node) => node['x-kubernetes-list-type'] === 'set')).toEqual([]);
  });

  it('writes every US dollar amount as a decimal string', () => {
    expect(offenders(file, (node) => /\bUSD\b/.test(node.description ?? '') && node.type !== 'object',
      (node) => node.type === 'string' && node.pattern === MONEY)).toEqual([]);
  });

  it('gives every CEL rule a message and a field path', () => {
    expect(offenders(file, (node) => (node['x-kubernetes-validations'] ?? []).length > 0, (node) =>
      (node['x-kubernetes-validations'] ?? []).every((rule) => rule.message && rule.fieldPath))).toEqual([]);
  });

  it('reports conditions in the metav1.Condition shape, keyed by type', () => {
    const conditions = rootSchema(file).properties?.['status']?.properties?.['conditions'];
    expect(conditions?.['x-kubernetes-list-type']).toBe('map');
    expect(conditions?.['x-kubernetes-list-map-keys']).toEqual(['type']);
    const item = conditions?.items;
    expect(item?.required?.slice().sort()).toEqual(['lastTransitionTime', 'message', 'reason', 'status', 'type']);
    expect(item?.properties?.['status']?.enum).toEqual(['True', 'False', 'Unknown']);
    expect(item?.properties?.['reason']?.pattern).toBe('^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$');
    expect(item?.properties?.['message']?.maxLength).toBe(32768);
    expect(item?.properties?.['lastTransitionTime']?.format).toBe('date-time');
    expect(item?.properties?.['observedGeneration']?.type).toBe('integer');
  });

  it('is copied byte for byte into the Helm chart', () => {
    expect(readText(`charts/switchyard/crds/${file}`)).toBe(readText(`crds/${file}`));
  });
});

describe('names and printer columns', () => {
  it.each([
    ['ProviderPool is ppool or pp and shows READY, ENDPOINTS, AGE', 'providerpools.yaml', ['ppool', 'pp'], ['READY', 'ENDPOINTS', 'AGE']],
    ['ModelRoute is mroute or mr and shows READY, SYNCED, MODEL, AGE', 'modelroutes.yaml', ['mroute', 'mr'], ['READY', 'SYNCED', 'MODEL', 'AGE']],
    ['BudgetPolicy is budget or bp and shows SPENT, LIMIT, WINDOW, READY, AGE', 'budgetpolicies.yaml', ['budget', 'bp'],
      ['SPENT', 'LIMIT', 'WINDOW', 'READY', 'AGE']],
  ])('%s', (_name, file, shortNames, columns) => {
    const crd = manifest(file);
    expect(crd.spec.names.shortNames).toEqual(shortNames);
    expect(crd.spec.versions[0]?.additionalPrinterColumns?.map((column) => column.name)).toEqual(columns);
  });
});

describe('schema defaults', () => {
  function nodeAt(file: string, path: string): SchemaNode | undefined {
    return nodesOf(file).find((visited) => visited.path === path)?.node;
  }

  it.each([
    ['retry.deadlineSeconds defaults to 30', 'modelroutes.yaml', 'spec.retry.deadlineSeconds', 30],
    ['retry.budgetPercent defaults to 20', 'modelroutes.yaml', 'spec.retry.budgetPercent', 20],
    ['retry.maxAttempts defaults to 3', 'modelroutes.yaml', 'spec.retry.maxAttempts', 3],
    ['retry.minRetriesPerSecond defaults to 1', 'modelroutes.yaml', 'spec.retry.minRetriesPerSecond', 1],
    ['match.useCaseHeader defaults to x-switchyard-use-case', 'modelroutes.yaml', 'spec.match.useCaseHeader', 'x-switchyard-use-case'],
    ['semantic.minConfidence defaults to 0.5', 'modelroutes.yaml', 'spec.semantic.minConfidence', '0.5'],
    ['a log hash key defaults to apiKey', 'modelroutes.yaml', 'spec.logging.hashKeySecretRef.key', 'apiKey'],
    ['commitment.type defaults to pay-as-you-go', 'providerpools.yaml', 'spec.endpoints[].commitment.type', 'pay-as-you-go'],
    ['a secret key defaults to apiKey', 'providerpools.yaml', 'spec.endpoints[].credentials.secretRef.key', 'apiKey'],
    ['capabilities.streaming defaults to true', 'providerpools.yaml', 'spec.endpoints[].models[].capabilities.streaming', true],
    ['flavor defaults to generic', 'providerpools.yaml', 'spec.endpoints[].flavor', 'generic'],
    ['a billing cycle anchorDay defaults to 1', 'providerpools.yaml', 'spec.endpoints[].commitment.cycle.anchorDay', 1],
    ['onExceed defaults to reject', 'budgetpolicies.yaml', 'spec.onExceed', 'reject'],
    ['a budget window anchorDay defaults to 1', 'budgetpolicies.yaml', 'spec.window.anchorDay', 1],
  ])('%s', (_name, file, path, value) => {
    expect(nodeAt(file, path)?.default).toEqual(value);
  });
});

describe('invalid fixtures', () => {
  const fixtureRoot = new URL('test/crd/fixtures/invalid/', repoRoot);
  const kinds: Record<string, string> = { 'providerpools.yaml': 'providerpool', 'modelroutes.yaml': 'modelroute', 'budgetpolicies.yaml': 'budgetpolicy' };

  function expectations(kind: string): string[] {
    const dir = new URL(`${kind}/`, fixtureRoot);
    return readdirSync(dir).filter((file) => file.endsWith('.yaml'))
      .map((file) => /^# expect: (.+)$/m.exec(readFileSync(new URL(file, dir), 'utf8'))?.[1] ?? '');
  }

  // The fixed parts of a rule's error: its message, or the string literals of its messageExpression.
  function fixedTexts(rule: Validation): string[] {
    if (!rule.messageExpression) return [rule.message ?? ''];
    return [...rule.messageExpression.matchAll(/'([^']*)'|"([^"]*)"/g)].map((match) => (match[1] ?? match[2] ?? '').trim()).filter(Boolean);
  }

  it.each(files.map((file) => [`every CEL rule in ${file} has a fixture whose expected error carries its message`, file]))(
    '%s', (_name, file) => {
      const expected = expectations(kinds[file] ?? '');
      const rules = nodesOf(file).flatMap(({ node }) => node['x-kubernetes-validations'] ?? []);
      expect(rules.length).toBeGreaterThan(0);
      const uncovered = rules.filter((rule) => !expected.some((line) => fixedTexts(rule).every((text) => line.includes(text))));
      expect(uncovered.map((rule) => rule.rule)).toEqual([]);
    });

  it.each(Object.values(kinds).map((kind) => [`every ${kind} fixture names the field in its expected error`, kind]))(
    '%s', (_name, kind) => {
      expect(expectations(kind).filter((line) => !/^spec\./.test(line))).toEqual([]);
    });
});
