// Building blocks for the hand-written JSON Schemas. `closedObject<T>` ties a schema to a
// TypeScript type at the key level: a key missing from the schema, a key the type lacks, or a
// required/optional mismatch is a compile error, so the schema and the type cannot drift apart.
// Value types are checked by the tests that validate real documents against the schema.

/** A JSON Schema node (draft 2020-12). */
export type Schema = { readonly [keyword: string]: unknown };

/** Keys of T that may be absent. */
export type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * An object schema with `additionalProperties: false` whose keys are exactly those of T.
 *
 * @example
 * closedObject<{ a: string; b?: number }>({ a: text(10), b: integer(0, 5) }, { b: true })
 */
export function closedObject<T>(
  properties: { readonly [K in keyof T]-?: Schema },
  optional: { readonly [K in OptionalKeys<T>]: true },
): Schema {
  const required = Object.keys(properties).filter((key) => !(key in optional));
  return { type: 'object', properties, required, additionalProperties: false };
}

/** The schema or null. */
export function nullable(schema: Schema): Schema {
  return { anyOf: [schema, { type: 'null' }] };
}

export function text(maxLength: number, minLength = 1): Schema {
  return { type: 'string', minLength, maxLength };
}

export function pattern(regex: string, maxLength: number): Schema {
  return { type: 'string', pattern: regex, maxLength };
}

export function integer(minimum: number, maximum: number): Schema {
  return { type: 'integer', minimum, maximum };
}

export function number(minimum: number, maximum: number): Schema {
  return { type: 'number', minimum, maximum };
}

export const boolean: Schema = { type: 'boolean' };

export function list(items: Schema, maxItems: number, minItems = 0): Schema {
  return { type: 'array', items, minItems, maxItems };
}

export function oneOfStrings(values: readonly string[]): Schema {
  return { type: 'string', enum: values };
}

export function constant(value: string | number): Schema {
  return { const: value };
}
