// Golden pairs: <case>.in.yaml → <case>.out.json, the whole CompileResult. UPDATE_GOLDEN=1
// rewrites the .out.json files. The input is read as raw YAML (not through parseResources) so
// compile's own schema check is exercised too. An optional first document
// `kind: CompileOptions` (apiVersion golden.switchyard.dev/test) sets namespace and workload.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { SwitchyardResource } from '../api/types.js';
import { validateSidecarConfig } from '../config/validate.js';
import { parseSecret } from '../yaml/secrets.js';
import { secretKeysOf } from '../yaml/secrets.js';
import { compile } from './compile.js';
import type { CompileInput } from './types.js';

const GOLDEN = join(import.meta.dirname, '__golden__');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadGoldenInput(name: string): CompileInput {
  const documents = parseAllDocuments(readFileSync(join(GOLDEN, `${name}.in.yaml`), 'utf8'))
    .map((document) => document.toJS() as unknown)
    .filter(isRecord);
  const options = documents.find((document) => document['kind'] === 'CompileOptions') ?? {};
  const namespace = typeof options['namespace'] === 'string' ? options['namespace'] : 'default';
  const secrets = documents
    .filter((document) => document['kind'] === 'Secret')
    .map(parseSecret)
    .flatMap((parsed) => (parsed.ok ? [parsed.secret] : []));
  const input: CompileInput = {
    namespace,
    resources: documents.filter((document) => String(document['apiVersion']).startsWith('switchyard.dev/')) as unknown as SwitchyardResource[],
    secrets: secretKeysOf(secrets, namespace),
  };
  if (isRecord(options['workload'])) input.workload = options['workload'] as unknown as NonNullable<CompileInput['workload']>;
  return input;
}

const GOLDEN_CASES = readdirSync(GOLDEN).filter((file) => file.endsWith('.in.yaml')).map((file) => file.slice(0, -'.in.yaml'.length)).sort();

/** What each case is for: the reasons its findings must carry, no more, no fewer. */
const EXPECTED_REASONS: [string, string, string[]][] = [
  ['a namespace using most of the API compiles cleanly', 'full', []],
  ['a config for one workload keeps only what selects it', 'workload', []],
  ['a route naming a missing pool', 'pool-not-found', ['PoolNotFound']],
  ['a route naming a model no endpoint serves', 'model-not-found', ['ModelNotFound']],
  ['a route naming a missing endpoint', 'endpoint-not-found', ['EndpointNotFound']],
  ['a failover chain revisiting a target or the default', 'failover-cycle', ['FailoverCycle']],
  ['names of targets a route does not have', 'target-not-found', ['TargetNotFound']],
  ['a data policy leaving a class no endpoint', 'no-eligible-endpoint', ['NoEligibleEndpoint']],
  ['a budget naming missing routes or none', 'budget-targets-nothing', ['BudgetTargetsNothing']],
  ['a missing credential Secret cascading to routes and budgets', 'secret-not-found', ['SecretNotFound', 'PoolNotAccepted', 'RoutesNotAccepted']],
  ['a Secret lacking the referenced key', 'secret-key-not-found', ['SecretKeyNotFound']],
  ['two routes claiming one model name', 'alias-conflict', ['AliasConflict', 'ModelNotFound']],
  ['catastrophic or non-compiling patterns', 'unsafe-pattern', ['UnsafePattern']],
  ['rules sending requests to targets that cannot serve them', 'capability-mismatch', ['CapabilityMismatch']],
  ['documents that break the schema or repeat a name', 'invalid-spec', ['InvalidSpec', 'DuplicateName', 'PoolNotAccepted']],
  ['endpoint URLs that are not https or point inside', 'unsafe-url', ['UnsafeURL']],
  ['settings that contradict each other', 'invalid-value', ['InvalidValue', 'ModelNotFound', 'RoutesNotAccepted']],
  ['semantic names pointing at nothing', 'semantic-references', ['IntentNotFound', 'NoEligibleTarget', 'ClassNotFound']],
];

describe('compile golden files', () => {
  it('has a purpose for every case on disk', () => {
    expect(GOLDEN_CASES).toEqual(EXPECTED_REASONS.map(([, name]) => name).sort());
  });

  it.each(EXPECTED_REASONS)('%s (%s)', (_sentence, name, reasons) => {
    const result = compile(loadGoldenInput(name));
    const outPath = join(GOLDEN, `${name}.out.json`);
    const actual = `${JSON.stringify(result, null, 2)}\n`;
    if (UPDATE) writeFileSync(outPath, actual);
    expect(existsSync(outPath)).toBe(true);
    expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
    expect(result.errors).toEqual([]);
    expect([...new Set(result.findings.map((finding) => finding.reason))].sort()).toEqual([...reasons].sort());
  });

  it.each(GOLDEN_CASES)('the config of %s validates against the JSON Schema', (name) => {
    const { config } = compile(loadGoldenInput(name));
    expect(validateSidecarConfig(config)).toEqual({ ok: true, config });
  });
});
