import { arrayAt, isRecord, recordAt, type JsonRecord } from './narrow.js';

/**
 * A small value that satisfies a JSON schema (or Gemini's OpenAPI subset with upper-case types):
 * required strings become "example", numbers 1, booleans true, enums their first member.
 */
export function exampleFor(schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (!isRecord(schema) || depth > 8) return 'example';
  if (schema['const'] !== undefined) return schema['const'];
  const enumValues = arrayAt(schema, 'enum');
  if (enumValues.length > 0) return enumValues[0];
  const ref = schema['$ref'];
  if (typeof ref === 'string') return exampleFor(resolveRef(ref, root), root, depth + 1);
  const variant = arrayAt(schema, 'anyOf')[0] ?? arrayAt(schema, 'oneOf')[0];
  if (variant !== undefined) return exampleFor(variant, root, depth + 1);
  const allOf = arrayAt(schema, 'allOf');
  if (allOf.length > 0) return Object.assign({}, ...allOf.map((part) => exampleFor(part, root, depth + 1)));
  return exampleForType(typeOf(schema), schema, root, depth);
}

function exampleForType(type: string, schema: JsonRecord, root: unknown, depth: number): unknown {
  switch (type) {
    case 'object':
      return exampleObject(schema, root, depth);
    case 'array':
      return [exampleFor(schema['items'], root, depth + 1)];
    case 'number':
    case 'integer':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'example';
  }
}

function exampleObject(schema: JsonRecord, root: unknown, depth: number): JsonRecord {
  const properties = recordAt(schema, 'properties') ?? {};
  const required = arrayAt(schema, 'required').filter((name): name is string => typeof name === 'string');
  const names = required.length > 0 || Array.isArray(schema['required']) ? required : Object.keys(properties);
  const out: JsonRecord = {};
  for (const name of names) out[name] = exampleFor(properties[name], root, depth + 1);
  return out;
}

function typeOf(schema: JsonRecord): string {
  const type = schema['type'];
  const named = Array.isArray(type) ? type.find((t) => t !== 'null' && t !== 'NULL') : type;
  if (typeof named === 'string') return named.toLowerCase();
  if (schema['properties'] !== undefined) return 'object';
  if (schema['items'] !== undefined) return 'array';
  return 'string';
}

function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const segment of ref.slice(2).split('/')) node = isRecord(node) ? node[segment] : undefined;
  return node;
}
