// How resilience reads the one classification. The errors module turns every upstream failure
// into a GatewayErrorCode once (errors/classify.ts, upstream/transport-errors.ts); this table
// groups those codes by what retry, failover, ejection and metrics do about them. It adds no
// judgement of its own: a code's row here is the only place its handling is decided.

import type { GatewayErrorCode } from '../errors/index.js';

export type OutcomeKind =
  /** 429: honour Retry-After, go to the next endpoint at once. */
  | 'rate_limited'
  /** 500/502/503/529, resets, refused connections: back off, retry, then fail over. */
  | 'transient'
  /**
   * No answer in time (connect, first byte, idle, 504/408). Waiting again on the same endpoint
   * doubles the wait, and the prompt may already be billed: fail over first, retry only alone.
   */
  | 'timeout'
  /** Credits or spend limit gone: never retry there, fail over, cool the endpoint down for long. */
  | 'quota'
  /** 401/403: our credentials are wrong there; fail over and mark the endpoint broken. */
  | 'auth'
  /** 404 from a provider: this endpoint lacks the model; another may have it. */
  | 'not_found'
  /** This endpoint's adapter cannot express the request (a feature it lacks); another may. */
  | 'incompatible'
  /** 400/413/422 and our own validation: every candidate would refuse it too. */
  | 'request_at_fault'
  /** Only a target with a larger context window can help, and only where the route allows it. */
  | 'context_length'
  /** A gateway bug or a refusal of our own; trying again elsewhere changes nothing. */
  | 'fatal';

const KIND_BY_CODE = {
  invalid_json: 'request_at_fault',
  // Edge refusals never reach an upstream; listed so the table stays total.
  bad_request: 'request_at_fault',
  not_found: 'request_at_fault',
  method_not_allowed: 'request_at_fault',
  request_timeout: 'request_at_fault',
  headers_too_large: 'request_at_fault',
  no_config: 'fatal',
  invalid_request: 'request_at_fault',
  unsupported: 'incompatible',
  body_too_large: 'request_at_fault',
  pii_blocked: 'request_at_fault',
  model_not_found: 'request_at_fault',
  budget_exceeded: 'fatal',
  request_cost_exceeded: 'fatal',
  budget_unavailable: 'fatal',
  allowance_unavailable: 'fatal',
  no_route: 'fatal',
  context_length_exceeded: 'context_length',
  upstream_bad_request: 'request_at_fault',
  upstream_rate_limited: 'rate_limited',
  upstream_quota_exhausted: 'quota',
  upstream_auth: 'auth',
  upstream_not_found: 'not_found',
  upstream_overloaded: 'transient',
  upstream_server_error: 'transient',
  upstream_invalid_response: 'transient',
  upstream_timeout: 'timeout',
  // Before the commit point a broken stream is just a failed attempt; after it nothing is retried.
  stream_interrupted: 'transient',
  internal: 'fatal',
} as const satisfies Record<GatewayErrorCode, OutcomeKind>;

/** One upstream attempt's end as resilience needs it. */
export interface Outcome {
  readonly code: GatewayErrorCode;
  /** The provider's Retry-After / retry-after-ms (or body hint), already in milliseconds. */
  readonly retryAfterMs?: number | undefined;
}

export function kindOf(code: GatewayErrorCode): OutcomeKind {
  return KIND_BY_CODE[code];
}

/** What the endpoint's health learns from an outcome (a 400 proves the endpoint is up). */
export type HealthSignal = 'success' | 'failure' | 'rate_limited' | 'quota' | 'auth' | 'neutral';

const SIGNAL_BY_KIND: Readonly<Record<OutcomeKind, HealthSignal>> = {
  rate_limited: 'rate_limited',
  transient: 'failure',
  timeout: 'failure',
  quota: 'quota',
  auth: 'auth',
  not_found: 'failure',
  incompatible: 'neutral',
  request_at_fault: 'success',
  context_length: 'success',
  fatal: 'neutral',
};

export function healthSignalOf(code: GatewayErrorCode): HealthSignal {
  return SIGNAL_BY_KIND[kindOf(code)];
}
