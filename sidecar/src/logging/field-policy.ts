// A route's logging policy as the request log applies it. Fields a line always carries (ids,
// route, target, status, usage, timings) are kept unless the policy strips or hashes them; the
// fields that carry user data (`user`, `header:<name>`, `prompt`, `response`) are absent unless
// the policy keeps or hashes them. Credential headers are never logged, not even hashed: a keyed
// hash of a key still lets anyone holding the log confirm a guess.

import type { LoggingConfig } from '@switchyard/contract';

export type FieldAction = 'keep' | 'strip' | 'hash';

const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-goog-api-key',
]);

export interface LoggedHeader {
  readonly name: string;
  readonly action: 'keep' | 'hash';
}

export interface FieldPolicy {
  /** What the route says about fields every line carries ("route", "requestId", …). */
  readonly lineFields: ReadonlyMap<string, FieldAction>;
  /** Request headers the lines carry; credential headers never appear here. */
  readonly headers: readonly LoggedHeader[];
  /** The OpenAI `user` field of the request body. */
  readonly user: FieldAction;
  readonly prompt: FieldAction;
  readonly response: FieldAction;
  readonly sampleRate: number;
  readonly sink: 'stdout' | 'file';
  /** Some field is hashed, so the route needs its hash key. */
  readonly hashes: boolean;
}

/** For requests no route claimed (unknown model, bad JSON): nothing beyond the facts. */
export const DEFAULT_FIELD_POLICY: FieldPolicy = {
  lineFields: new Map(), headers: [], user: 'strip', prompt: 'strip', response: 'strip', sampleRate: 0, sink: 'stdout', hashes: false,
};

const BODY_FIELDS = new Set(['user', 'prompt', 'response']);
const HEADER_PREFIX = 'header:';

// Configs are immutable snapshots: one policy per compiled LoggingConfig.
const cache = new WeakMap<LoggingConfig, FieldPolicy>();

/**
 * @example fieldPolicyOf({ fields: [{ field: 'user', action: 'hash' }, …], sampleRate: 0.1, sink: 'file', hashKey }).user // 'hash'
 */
export function fieldPolicyOf(config: LoggingConfig): FieldPolicy {
  const cached = cache.get(config);
  if (cached !== undefined) return cached;
  const actionOf = (field: string): FieldAction => config.fields.find((rule) => rule.field === field)?.action ?? 'strip';
  const headers = config.fields.flatMap((rule): LoggedHeader[] => {
    if (!rule.field.startsWith(HEADER_PREFIX) || rule.action === 'strip') return [];
    const name = rule.field.slice(HEADER_PREFIX.length).toLowerCase();
    return CREDENTIAL_HEADERS.has(name) ? [] : [{ name, action: rule.action }];
  });
  const lineFields = new Map(config.fields
    .filter((rule) => !BODY_FIELDS.has(rule.field) && !rule.field.startsWith(HEADER_PREFIX))
    .map((rule) => [rule.field, rule.action] as const));
  const policy: FieldPolicy = {
    lineFields,
    headers,
    user: actionOf('user'),
    prompt: actionOf('prompt'),
    response: actionOf('response'),
    sampleRate: config.sampleRate,
    sink: config.sink,
    hashes: config.fields.some((rule) => rule.action === 'hash'),
  };
  cache.set(config, policy);
  return policy;
}

/** The route wants the request body read back for its lines (the `user` field). */
export function needsRequestBody(policy: FieldPolicy): boolean {
  return policy.user !== 'strip';
}
