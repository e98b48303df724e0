// Turns Ajv errors into one-line messages that name the field the way a user writes it:
// `spec.targets[0].pool: must be string`.
import { DECIMAL_PATTERN_HINTS } from '../decimal.js';
import type { ErrorObject } from './ajv.js';

/** `/spec/targets/0/pool` → `spec.targets[0].pool`. */
export function toFieldPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  }
  return path;
}

function join(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

function describe(error: ErrorObject): { path: string; message: string } {
  const path = toFieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: join(path, String(params['missingProperty'])), message: 'is required' };
    case 'additionalProperties':
      return { path: join(path, String(params['additionalProperty'])), message: 'is not a known field' };
    case 'dependentRequired':
      return { path: join(path, String(params['missingProperty'])), message: `is required when ${String(params['property'])} is set` };
    case 'enum':
      return { path, message: `must be one of ${(params['allowedValues'] as unknown[]).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params['allowedValue'])}` };
    case 'pattern': {
      const hint = DECIMAL_PATTERN_HINTS[String(params['pattern'])];
      return { path, message: hint ?? error.message ?? 'does not match its pattern' };
    }
    default:
      return { path, message: error.message ?? error.keyword };
  }
}

/** One message per distinct error, `field: message`; the document root is written `(root)`. */
export function formatSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines = new Set<string>();
  for (const error of errors ?? []) {
    // anyOf/oneOf repeat their branches' errors; the branch errors are the useful ones.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const { path, message } = describe(error);
    lines.add(`${path === '' ? '(root)' : path}: ${message}`);
  }
  return [...lines];
}
