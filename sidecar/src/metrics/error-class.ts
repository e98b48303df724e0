// The outcome class a failed request is counted under. It is read off the one classification:
// the gateway error code the client got (errors/codes.ts) and, through resilience/outcome.ts,
// its kind. Only where a dashboard needs a finer split than retries do (overloaded apart from
// other server errors, a stream cut after its first byte) does this table add a row.

import { isGatewayErrorCode, type GatewayErrorCode } from '../errors/index.js';
import { kindOf, type OutcomeKind } from '../resilience/index.js';

export type ErrorClass =
  | 'rate_limited' | 'overloaded' | 'quota' | 'auth' | 'request_error' | 'timeout' | 'stream_cut'
  | 'server_error' | 'not_found' | 'unavailable' | 'budget' | 'policy' | 'client_closed' | 'internal';

const CLASS_BY_KIND: Readonly<Record<OutcomeKind, ErrorClass>> = {
  rate_limited: 'rate_limited',
  transient: 'server_error',
  timeout: 'timeout',
  quota: 'quota',
  auth: 'auth',
  not_found: 'not_found',
  incompatible: 'request_error',
  request_at_fault: 'request_error',
  context_length: 'request_error',
  fatal: 'internal',
};

const FINER: Partial<Readonly<Record<GatewayErrorCode, ErrorClass>>> = {
  upstream_overloaded: 'overloaded',
  stream_interrupted: 'stream_cut',
  no_config: 'unavailable',
  no_route: 'unavailable',
  budget_exceeded: 'budget',
  request_cost_exceeded: 'budget',
  budget_unavailable: 'budget',
  allowance_unavailable: 'budget',
  pii_blocked: 'policy',
};

/** Client-closed-request, nginx's convention; the sidecar reports it when the client left first. */
const CLIENT_CLOSED = 499;

/**
 * @example errorClassOf({ status: 503, errorCode: 'upstream_overloaded', streaming: false }) // 'overloaded'
 * @example errorClassOf({ status: 200, errorCode: 'upstream_overloaded', streaming: true }) // 'stream_cut'
 */
export function errorClassOf(outcome: { readonly status: number; readonly errorCode: string | null; readonly streaming: boolean }): ErrorClass | null {
  const { status, errorCode, streaming } = outcome;
  if (errorCode === null) return status === CLIENT_CLOSED ? 'client_closed' : status >= 500 ? 'internal' : status >= 400 ? 'request_error' : null;
  // Past the first byte a stream can only end with an error event: whatever the cause, the client saw a cut.
  if (streaming) return 'stream_cut';
  if (!isGatewayErrorCode(errorCode)) return 'internal';
  return FINER[errorCode] ?? CLASS_BY_KIND[kindOf(errorCode)];
}
