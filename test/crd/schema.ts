// The CRD manifests in crds/, parsed, and the fields of their schemas as `kubectl explain` paths.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const repoRoot = new URL('../../', import.meta.url);

export interface SchemaNode {
  description?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
}

export interface Crd {
  /** Manifest file inside crds/. */
  file: string;
  kind: string;
  /** Lower-case singular, as `kubectl explain` takes it. */
  singular: string;
  plural: string;
  schema: SchemaNode;
}

interface CrdManifest {
  metadata: { name: string };
  spec: {
    names: { kind: string; singular: string; plural: string };
    versions: { schema: { openAPIV3Schema: SchemaNode } }[];
  };
}

export const crdFiles = ['providerpools.yaml', 'modelroutes.yaml', 'budgetpolicies.yaml'] as const;

export function readCrds(): Crd[] {
  return crdFiles.map((file) => {
    const manifest = parse(readFileSync(new URL(`crds/${file}`, repoRoot), 'utf8')) as CrdManifest;
    const version = manifest.spec.versions[0];
    if (!version) throw new Error(`crds/${file} has no version`);
    const { kind, singular, plural } = manifest.spec.names;
    return { file, kind, singular, plural, schema: version.schema.openAPIV3Schema };
  });
}

/** A field that has fields or items of its own: `kubectl explain` on it lists what is inside. */
export interface ExplainableField {
  /** e.g. "modelroute.spec.experiments.evaluator" */
  path: string;
  node: SchemaNode;
  /** Descriptions `kubectl explain <path>` must print: the field's, its items' or values', its children's. */
  expected: string[];
}

function elementOf(node: SchemaNode): SchemaNode | undefined {
  if (node.items) return node.items;
  return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

function describedBy(node: SchemaNode): string[] {
  const element = elementOf(node);
  const inner = element ?? node;
  const children = Object.values(inner.properties ?? {});
  return [node, ...(element ? [element] : []), ...children].map((each) => each.description ?? '');
}

export function explainableFields(crd: Crd): ExplainableField[] {
  const fields: ExplainableField[] = [];
  const visit = (path: string, node: SchemaNode): void => {
    const element = elementOf(node);
    const inner = element ?? node;
    if (!element && !node.properties) return;
    fields.push({ path, node, expected: describedBy(node) });
    for (const [name, child] of Object.entries(inner.properties ?? {})) visit(`${path}.${name}`, child);
  };
  for (const part of ['spec', 'status'] as const) {
    const node = crd.schema.properties?.[part];
    if (node) visit(`${crd.singular}.${part}`, node);
  }
  return fields;
}
