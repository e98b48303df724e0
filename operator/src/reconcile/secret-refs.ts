// The Secrets a namespace's resources name, read from the raw (unvalidated) objects: the
// operator reads exactly these through the API and nothing else (docs/adr/0005).
import type { SwitchyardResource } from '@switchyard/contract';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function nameAt(value: unknown, ...path: string[]): string | undefined {
  let current: unknown = value;
  for (const key of path) current = record(current)?.[key];
  return typeof current === 'string' && current !== '' ? current : undefined;
}

export function referencedSecretNames(resources: readonly SwitchyardResource[]): string[] {
  const names = new Set<string>();
  for (const resource of resources) {
    const spec: unknown = (resource as { spec?: unknown }).spec;
    if (resource.kind === 'ProviderPool') {
      const endpoints = record(spec)?.['endpoints'];
      for (const endpoint of Array.isArray(endpoints) ? endpoints : []) {
        const name = nameAt(endpoint, 'credentials', 'secretRef', 'name');
        if (name !== undefined) names.add(name);
      }
    }
    if (resource.kind === 'ModelRoute') {
      const name = nameAt(spec, 'logging', 'hashKeySecretRef', 'name');
      if (name !== undefined) names.add(name);
    }
  }
  return [...names].sort();
}
