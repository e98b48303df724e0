// The one log line per data-plane request: what happened to it, never what it said. The route's
// field policy then strips or hashes any of it, and adds the user-data fields it asks for.

import type { FinishedExchange } from '../http/finish.js';
import type { LogFields } from '../metrics/log.js';
import type { FieldAction, FieldPolicy } from './field-policy.js';
import type { Hasher } from './keyed-hash.js';

export type LineValue = string | number | boolean | null;
export type LineRecord = Record<string, LineValue>;

const round = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 10) / 10);

function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return (query === -1 ? path : path.slice(0, query)).slice(0, 200);
}

/** The facts of a finished request, before any policy. */
export function requestFacts({ ex, status, seconds }: FinishedExchange): LineRecord {
  const { report } = ex;
  const served = report.served;
  return {
    requestId: ex.requestId,
    traceId: report.traceId,
    method: ex.req.method ?? '',
    path: pathOf(ex.req.url),
    route: report.route,
    operation: report.operation,
    useCase: report.useCase,
    decidedBy: report.decidedBy,
    target: served?.target ?? null,
    provider: report.provider === '' ? null : report.provider,
    model: served?.model ?? null,
    upstreamModel: served?.upstreamModel ?? null,
    endpoint: served?.endpointId ?? null,
    providerRequestId: report.providerRequestId,
    status,
    errorCode: report.errorCode,
    attempts: report.attempts,
    streaming: report.streaming,
    latencyMs: round(seconds * 1000),
    upstreamFirstByteMs: round(report.upstreamFirstByteMs),
    upstreamMs: round(report.upstreamMs),
    promptTokens: report.usage?.prompt_tokens ?? null,
    completionTokens: report.usage?.completion_tokens ?? null,
    totalTokens: report.usage?.total_tokens ?? null,
  };
}

export interface UserData {
  /** The OpenAI `user` field, when the body was kept and carries one. */
  readonly user: string | undefined;
}

/** A value under an action: itself, its keyed hash, or nothing (strip, or hash without a key). */
export function applyAction(action: FieldAction, value: string, hash: Hasher): string | undefined {
  if (action === 'keep') return value;
  if (action === 'hash') return hash(value);
  return undefined;
}

/**
 * @example requestLine(finished, policy, keyedHash(key), { user: 'u-42' })
 *   // { requestId: '…', route: 'chat', status: 200, …, user: 'hmac:3b1f…', 'header:x-tenant': 'acme' }
 */
export function requestLine(finished: FinishedExchange, policy: FieldPolicy, hash: Hasher, data: UserData): LogFields {
  const line: Record<string, LineValue | undefined> = requestFacts(finished);
  for (const [field, action] of policy.lineFields) {
    const value = line[field];
    if (value === undefined || action === 'keep') continue;
    line[field] = value === null ? null : applyAction(action, String(value), hash);
  }
  if (data.user !== undefined) line['user'] = applyAction(policy.user, data.user, hash);
  for (const header of policy.headers) {
    const raw = finished.ex.req.headers[header.name];
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (value !== undefined) line[`header:${header.name}`] = applyAction(header.action, value, hash);
  }
  return line;
}

/** The `user` field of a JSON request body; undefined when absent or not a string. */
export function userOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('user' in parsed)) return undefined;
    return typeof parsed.user === 'string' ? parsed.user : undefined;
  } catch {
    return undefined;
  }
}
