// Multi-document YAML → typed resources and Secrets, with every problem named by source,
// document index, resource and field. Used by `switchyard compile` and the standalone sidecar;
// reading the files is theirs.
import { parseAllDocuments } from 'yaml';
import { API_GROUP, API_GROUP_VERSION, type SwitchyardResource } from '../api/types.js';
import { isResourceKind, RESOURCE_KINDS, validateResource } from '../resources/validate.js';
import { parseSecret, type ParsedSecret } from './secrets.js';

export interface ParseError {
  source: string;
  /** Zero-based position of the document in the stream. */
  index: number;
  message: string;
}

export interface ParsedResources {
  resources: SwitchyardResource[];
  secrets: ParsedSecret[];
  errors: ParseError[];
}

/** Guards against alias bombs: a document may not expand past this many nodes via aliases. */
const MAX_ALIAS_COUNT = 100;

type Outcome = { resource: SwitchyardResource } | { secret: ParsedSecret } | { errors: string[] } | null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labelOf(kind: string, document: Record<string, unknown>): string {
  const name = isRecord(document['metadata']) ? document['metadata']['name'] : undefined;
  return `${kind.toLowerCase()}/${typeof name === 'string' ? name : '<unnamed>'}`;
}

/** Documents of other API groups (a Deployment next to the routes) are not ours and are skipped. */
function classify(document: unknown): Outcome {
  if (document === null || document === undefined) return null;
  if (!isRecord(document)) return { errors: ['(document): must be a mapping'] };
  const { apiVersion, kind } = document;
  if (apiVersion === 'v1' && kind === 'Secret') {
    const parsed = parseSecret(document);
    return parsed.ok ? { secret: parsed.secret } : { errors: parsed.errors };
  }
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith(`${API_GROUP}/`)) return null;
  if (!isResourceKind(kind)) {
    return { errors: [`${labelOf(String(kind), document)} kind: must be one of ${RESOURCE_KINDS.join(', ')}`] };
  }
  if (apiVersion !== API_GROUP_VERSION) {
    return { errors: [`${labelOf(kind, document)} apiVersion: must be ${API_GROUP_VERSION}`] };
  }
  const validation = validateResource(kind, document);
  if (validation.ok) return { resource: validation.resource };
  return { errors: validation.errors.map((error) => `${labelOf(kind, document)} ${error}`) };
}

/**
 * Parses a stream of YAML documents.
 *
 * @example
 * const { resources, secrets, errors } = parseResources(text, 'routes.yaml');
 * // errors[0].message === 'modelroute/chat spec.targets[0].pool: must be string'
 */
export function parseResources(text: string, source: string): ParsedResources {
  const result: ParsedResources = { resources: [], secrets: [], errors: [] };
  parseAllDocuments(text).forEach((document, index) => {
    const syntax = document.errors[0];
    if (syntax) {
      result.errors.push({ source, index, message: `YAML: ${syntax.message}` });
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error: unknown) {
      result.errors.push({ source, index, message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const outcome = classify(value);
    if (outcome === null) return;
    if ('resource' in outcome) result.resources.push(outcome.resource);
    else if ('secret' in outcome) result.secrets.push(outcome.secret);
    else result.errors.push(...outcome.errors.map((message) => ({ source, index, message })));
  });
  return result;
}
