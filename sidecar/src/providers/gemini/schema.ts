// JSON Schema (as OpenAI tools and response_format carry it) → Gemini's OpenAPI-subset Schema.
// Gemini rejects keys outside its subset (additionalProperties, $schema, strict, …), `type`
// arrays, and string formats other than enum/date-time, and it cannot follow $ref, so local
// refs are inlined. Its `enum` is string-only, and `anyOf: [X, {type: null}]` reads best as X
// with `nullable`.

import { isRecord, type JsonObject, type JsonValue } from '../../openai/index.js';

const KEPT_KEYWORDS = new Set([
  'description', 'example', 'default', 'title', 'nullable', 'maxItems', 'minItems', 'maxLength',
  'minLength', 'maxProperties', 'minProperties', 'maximum', 'minimum', 'pattern', 'propertyOrdering',
]);

const FORMATS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  STRING: ['enum', 'date-time'],
  NUMBER: ['float', 'double'],
  INTEGER: ['int32', 'int64'],
};

const MAX_REF_DEPTH = 8;

export function toGeminiSchema(schema: JsonObject): JsonObject {
  return convert(schema, schema, 0);
}

function convert(node: JsonValue | undefined, root: JsonObject, depth: number): JsonObject {
  if (!isRecord(node) || depth > MAX_REF_DEPTH) return {};
  const resolved = typeof node.$ref === 'string' ? resolveRef(node.$ref, root) : undefined;
  if (resolved !== undefined) return convert(resolved, root, depth + 1);
  const out: JsonObject = {};
  const type = geminiType(node.type);
  if (type !== undefined) out.type = type;
  if (Array.isArray(node.type) && node.type.includes('null')) out.nullable = true;
  for (const [key, value] of Object.entries(node)) {
    if (KEPT_KEYWORDS.has(key) && value !== undefined) out[key] = value;
  }
  const enumValues = node.const === undefined ? node.enum : [node.const];
  if (Array.isArray(enumValues) && enumValues.every((value) => typeof value === 'string')) out.enum = enumValues;
  if (typeof node.format === 'string' && type !== undefined && FORMATS_BY_TYPE[type]?.includes(node.format)) out.format = node.format;
  if (isRecord(node.properties)) out.properties = convertProperties(node.properties, root, depth);
  if (Array.isArray(node.required)) out.required = requiredNames(node.required, node.properties);
  if (node.items !== undefined) out.items = convert(node.items, root, depth);
  const alternatives = node.anyOf ?? node.oneOf;
  if (!Array.isArray(alternatives)) return out;
  const nonNull = alternatives.filter((alt) => !(isRecord(alt) && alt.type === 'null'));
  if (nonNull.length === 1 && alternatives.length === 2) return { ...convert(nonNull[0], root, depth), ...out, nullable: true };
  out.anyOf = alternatives.map((alt) => convert(alt, root, depth));
  return out;
}

function convertProperties(properties: JsonObject, root: JsonObject, depth: number): JsonObject {
  const out: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) out[name] = convert(property, root, depth);
  return out;
}

// Gemini refuses `required` names that are not declared properties.
function requiredNames(required: readonly JsonValue[], properties: JsonValue | undefined): string[] {
  return required.filter((name): name is string => typeof name === 'string' && isRecord(properties) && name in properties);
}

function geminiType(type: JsonValue | undefined): string | undefined {
  const name = Array.isArray(type) ? type.find((t) => t !== 'null') : type;
  return typeof name === 'string' ? name.toUpperCase() : undefined;
}

/** Local refs only: `#/$defs/Name` or `#/definitions/Name`. */
function resolveRef(ref: string, root: JsonObject): JsonValue | undefined {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const definitions = root[match[1]];
  return isRecord(definitions) ? definitions[match[2]] : undefined;
}
