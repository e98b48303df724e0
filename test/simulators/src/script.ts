import { isRecord, type JsonRecord } from './narrow.js';

export const errorKinds = ['rate_limit', 'quota', 'overloaded', 'server', 'auth', 'bad_request', 'context_length'] as const;
export type ErrorKind = (typeof errorKinds)[number];

export interface ScriptMatch {
  /** Exact model (OpenAI body `model`, Azure deployment, Gemini path model). */
  model?: string;
  /** Substring of the request path, e.g. "embeddings" or ":streamGenerateContent". */
  path?: string;
}

/** One scripted behaviour, consumed by the next matching request(s). */
export interface Script {
  status?: number;
  headers?: Record<string, string>;
  /** Raw response body; a non-string is sent as JSON. */
  body?: unknown;
  errorKind?: ErrorKind;
  latencyBeforeHeadersMs?: number;
  /** Accept the request and never answer. */
  stall?: boolean;
  /** Destroy the socket after N stream chunks (non-streaming: 0 = before headers, else mid-body). */
  resetAfterChunks?: number;
  trickleMs?: number;
  /** Send the provider's in-stream error frame after N chunks, then end the stream. */
  streamErrorAfterChunks?: number;
  match?: ScriptMatch;
  /** How many matching requests this script applies to (default 1). */
  count?: number;
  /** Never consumed: applies to every matching request until cleared. */
  always?: boolean;
}

export class ScriptError extends Error {}

const numberFields = ['status', 'latencyBeforeHeadersMs', 'resetAfterChunks', 'trickleMs', 'streamErrorAfterChunks', 'count'] as const;

export function parseScript(value: unknown): Script {
  if (!isRecord(value)) throw new ScriptError('a script must be a JSON object');
  const script: Script = {};
  for (const field of numberFields) {
    const raw = value[field];
    if (raw === undefined) continue;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) throw new ScriptError(`${field} must be a non-negative integer`);
    script[field] = raw;
  }
  if (value['headers'] !== undefined) script.headers = parseHeaders(value['headers']);
  if (value['body'] !== undefined) script.body = value['body'];
  if (value['errorKind'] !== undefined) script.errorKind = parseErrorKind(value['errorKind']);
  if (value['stall'] !== undefined) script.stall = parseFlag(value, 'stall');
  if (value['always'] !== undefined) script.always = parseFlag(value, 'always');
  if (value['match'] !== undefined) script.match = parseMatch(value['match']);
  return script;
}

export function parseScripts(value: unknown): Script[] {
  return Array.isArray(value) ? value.map(parseScript) : [parseScript(value)];
}

function parseHeaders(value: unknown): Record<string, string> {
  if (!isRecord(value)) throw new ScriptError('headers must be an object');
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') throw new ScriptError(`header ${name} must be a string`);
    headers[name.toLowerCase()] = String(raw);
  }
  return headers;
}

function parseErrorKind(value: unknown): ErrorKind {
  const kind = errorKinds.find((k) => k === value);
  if (kind === undefined) throw new ScriptError(`errorKind must be one of ${errorKinds.join(', ')}`);
  return kind;
}

function parseFlag(value: JsonRecord, field: string): boolean {
  const raw = value[field];
  if (typeof raw !== 'boolean') throw new ScriptError(`${field} must be a boolean`);
  return raw;
}

function parseMatch(value: unknown): ScriptMatch {
  if (!isRecord(value)) throw new ScriptError('match must be an object');
  const match: ScriptMatch = {};
  for (const field of ['model', 'path'] as const) {
    const raw = value[field];
    if (raw === undefined) continue;
    if (typeof raw !== 'string') throw new ScriptError(`match.${field} must be a string`);
    match[field] = raw;
  }
  return match;
}

/** The error kind a bare `status` stands for, so `{status: 503}` still gets a realistic body. */
export function kindForStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 413) return 'context_length';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529 || status === 502 || status === 504) return 'overloaded';
  if (status >= 500) return 'server';
  return 'bad_request';
}
