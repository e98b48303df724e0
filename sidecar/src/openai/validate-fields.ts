// Guard clauses shared by the request validators. Each returns an Invalid naming the OpenAI
// param path (`messages[2].content`) or undefined when the field is acceptable.

import { GatewayError } from '../errors/index.js';
import { isRecord } from './json.js';

export interface Invalid {
  /** Absent when the whole body is at fault. */
  readonly param?: string;
  readonly message: string;
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GatewayError };

export function rejected<T>(invalid: Invalid): Validated<T> {
  const options = invalid.param === undefined ? {} : { param: invalid.param };
  return { ok: false, error: new GatewayError('invalid_request', invalid.message, options) };
}

export function invalidType(param: string, expected: string): Invalid {
  return { param, message: `Invalid type for '${param}': expected ${expected}.` };
}

export function missing(param: string): Invalid {
  return { param, message: `Missing required parameter: '${param}'.` };
}

export function invalidValue(param: string, detail: string): Invalid {
  return { param, message: `Invalid value for '${param}': ${detail}` };
}

interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** An optional (nullable) number within bounds. */
export function checkNumber(body: Record<string, unknown>, key: string, rule: NumberRule): Invalid | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return invalidType(key, rule.integer ? 'an integer' : 'a number');
  if (rule.integer === true && !Number.isInteger(value)) return invalidType(key, 'an integer');
  if (rule.min !== undefined && value < rule.min) return invalidValue(key, `must be at least ${rule.min}.`);
  if (rule.max !== undefined && value > rule.max) return invalidValue(key, `must be at most ${rule.max}.`);
  return undefined;
}

export function checkBoolean(body: Record<string, unknown>, key: string): Invalid | undefined {
  const value = body[key];
  if (value === undefined || value === null || typeof value === 'boolean') return undefined;
  return invalidType(key, 'a boolean');
}

export function checkString(record: Record<string, unknown>, key: string, param: string): Invalid | undefined {
  const value = record[key];
  if (value === undefined || typeof value === 'string') return undefined;
  return invalidType(param, 'a string');
}

export function checkRequiredString(record: Record<string, unknown>, key: string, param: string): Invalid | undefined {
  const value = record[key];
  if (value === undefined || value === null) return missing(param);
  if (typeof value !== 'string') return invalidType(param, 'a string');
  return undefined;
}

export function checkObject(value: unknown, param: string): Invalid | undefined {
  return isRecord(value) ? undefined : invalidType(param, 'an object');
}
