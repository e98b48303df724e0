// One Ajv configuration for every schema in the contract. Validators are compiled once, at
// first use, and reused.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Schema } from './closed-object.js';

export type { ErrorObject };

let shared: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  shared ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  return shared;
}

/** Compiles the schema on first call of the returned function; later calls reuse it. */
export function lazyValidator(schema: Schema): () => ValidateFunction {
  let compiled: ValidateFunction | undefined;
  return () => {
    compiled ??= ajv().compile(schema);
    return compiled;
  };
}
