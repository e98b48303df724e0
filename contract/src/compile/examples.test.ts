// The files in /examples form one set: each must parse, and together they must compile with
// no findings. Examples may reference Secrets they
// do not define (created with kubectl, or env vars in standalone mode), so every referenced
// Secret is taken to exist. Skips while the folder has no YAML yet.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SwitchyardResource } from '../api/types.js';
import { validateSidecarConfig } from '../config/validate.js';
import { parseResources } from '../yaml/parse.js';
import { compile } from './compile.js';
import { DEFAULT_SECRET_KEY } from './defaults.js';
import type { CompileInput } from './types.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');
const files = existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((file) => /\.ya?ml$/.test(file)).sort() : [];
/** Each folder (standalone, cluster, semantic, …) is a set of its own: it reuses the top-level names. */
const sets = existsSync(EXAMPLES) ? readdirSync(EXAMPLES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort() : [];

function referencedSecrets(resources: readonly SwitchyardResource[]): CompileInput['secrets'] {
  const keys = new Map<string, Set<string>>();
  const add = (ref: { name: string; key?: string } | undefined): void => {
    if (ref) keys.set(ref.name, (keys.get(ref.name) ?? new Set()).add(ref.key ?? DEFAULT_SECRET_KEY));
  };
  for (const resource of resources) {
    if (resource.kind === 'ProviderPool') resource.spec.endpoints.forEach((endpoint) => add(endpoint.credentials?.secretRef));
    if (resource.kind === 'ModelRoute') add(resource.spec.logging?.hashKeySecretRef);
  }
  return [...keys].map(([name, names]) => ({ name, keys: [...names] }));
}

function parsedExamples(folder = EXAMPLES): SwitchyardResource[] {
  const yaml = readdirSync(folder).filter((file) => /\.ya?ml$/.test(file)).sort();
  return yaml.flatMap((file) => {
    const parsed = parseResources(readFileSync(join(folder, file), 'utf8'), file);
    expect(parsed.errors).toEqual([]);
    return parsed.resources;
  });
}

(files.length > 0 ? describe : describe.skip)('examples', () => {
  it.each(files.length > 0 ? files : ['(none yet)'])('%s parses with no errors', (file) => {
    expect(parseResources(readFileSync(join(EXAMPLES, file), 'utf8'), file).errors).toEqual([]);
  });

  it.each([['examples/', EXAMPLES], ...sets.map((set) => [`examples/${set}/`, join(EXAMPLES, set)])])('%s compile together, per namespace, with no findings', (_set, folder) => {
    const resources = parsedExamples(folder);
    const namespaces = [...new Set(resources.map((resource) => resource.metadata.namespace ?? 'default'))];
    for (const namespace of namespaces) {
      const local = resources.filter((resource) => (resource.metadata.namespace ?? 'default') === namespace);
      const result = compile({ namespace, resources: local, secrets: referencedSecrets(local) });
      expect(result.findings).toEqual([]);
      expect(validateSidecarConfig(result.config).ok).toBe(true);
    }
  });
});
