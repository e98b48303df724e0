// Reads the CRD manifests in crds/ and exposes the one served version's OpenAPI schema of each.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The subset of apiextensions.k8s.io/v1 JSONSchemaProps the Switchyard CRDs use. */
export interface SchemaNode {
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: { rule: string; message?: string; fieldPath?: string; reason?: string }[];
}

export interface CrdSource {
  /** File name inside crds/, e.g. "providerpools.yaml". */
  file: string;
  /** Raw bytes, copied unchanged into the Helm chart. */
  text: string;
  kind: string;
  schema: SchemaNode;
}

/** The three kinds, in the order the generator writes them; `module` names the generated file. */
export const crdFiles = [
  { file: 'providerpools.yaml', kind: 'ProviderPool', module: 'providerpool' },
  { file: 'modelroutes.yaml', kind: 'ModelRoute', module: 'modelroute' },
  { file: 'budgetpolicies.yaml', kind: 'BudgetPolicy', module: 'budgetpolicy' },
] as const;

interface CrdManifest {
  spec?: {
    names?: { kind?: string };
    versions?: { name?: string; schema?: { openAPIV3Schema?: SchemaNode } }[];
  };
}

export function readCrd(path: string, file: string, expectedKind: string): CrdSource {
  const text = readFileSync(path, 'utf8');
  const manifest = parse(text) as CrdManifest;
  const kind = manifest.spec?.names?.kind;
  if (kind !== expectedKind) throw new Error(`${file}: expected kind ${expectedKind}, found ${String(kind)}`);
  const versions = manifest.spec?.versions ?? [];
  if (versions.length !== 1) throw new Error(`${file}: expected exactly one version, found ${versions.length}`);
  const schema = versions[0]?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`${file}: version has no openAPIV3Schema`);
  return { file, text, kind, schema };
}
