// The closed set of gateway error codes. Each code fixes the HTTP status the client sees, the
// OpenAI error `type`, whether a retry can help, and whether our own message may be shown.
// Adding a code means adding a row here; nothing else decides statuses.

export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'server_error';

interface CodeSpec {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly retryable: boolean;
  /** Shown instead of the error's own message when that message may carry internals. */
  readonly publicMessage?: string;
}

export const GATEWAY_ERROR_CODES = {
  invalid_json: { status: 400, type: 'invalid_request_error', retryable: false },
  // Raised at the HTTP edge, before a request reaches the pipeline.
  bad_request: { status: 400, type: 'invalid_request_error', retryable: false },
  not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  method_not_allowed: { status: 405, type: 'invalid_request_error', retryable: false },
  request_timeout: { status: 408, type: 'invalid_request_error', retryable: true },
  headers_too_large: { status: 431, type: 'invalid_request_error', retryable: false },
  // No config received or restored yet: the sidecar is not ready.
  no_config: { status: 503, type: 'server_error', retryable: true },
  invalid_request: { status: 400, type: 'invalid_request_error', retryable: false },
  unsupported: { status: 400, type: 'invalid_request_error', retryable: false },
  body_too_large: { status: 413, type: 'invalid_request_error', retryable: false },
  // The route's PII policy refuses the request; the message names entity types, never values.
  pii_blocked: { status: 400, type: 'invalid_request_error', retryable: false },
  model_not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  // A route exists but no target can take the request right now (all ejected or incapable).
  no_route: { status: 503, type: 'server_error', retryable: true },
  budget_exceeded: { status: 429, type: 'insufficient_quota', retryable: false },
  // The cost oracle predicts more than the BudgetPolicy's maxRequestCost, and no cheaper target fits.
  request_cost_exceeded: { status: 400, type: 'invalid_request_error', retryable: false },
  // A BudgetPolicy covering the request failed to compile: refused (fail closed) until it is fixed.
  budget_unavailable: { status: 503, type: 'server_error', retryable: false },
  // The allowance is short and the operator, which grants more, did not answer in time.
  allowance_unavailable: { status: 503, type: 'server_error', retryable: true },
  context_length_exceeded: { status: 400, type: 'invalid_request_error', retryable: false },
  upstream_bad_request: { status: 400, type: 'invalid_request_error', retryable: false },
  upstream_rate_limited: { status: 429, type: 'rate_limit_error', retryable: true },
  // OpenAI answers "out of credits" with 429 + insufficient_quota; SDKs stop on x-should-retry: false.
  upstream_quota_exhausted: { status: 429, type: 'insufficient_quota', retryable: false },
  upstream_auth: {
    status: 502,
    type: 'server_error',
    retryable: false,
    publicMessage: 'The upstream provider rejected the gateway credentials.',
  },
  upstream_not_found: { status: 502, type: 'server_error', retryable: false },
  upstream_overloaded: { status: 503, type: 'server_error', retryable: true },
  upstream_server_error: { status: 502, type: 'server_error', retryable: true },
  upstream_invalid_response: { status: 502, type: 'server_error', retryable: true },
  upstream_timeout: { status: 504, type: 'server_error', retryable: true },
  stream_interrupted: { status: 502, type: 'server_error', retryable: false },
  internal: { status: 500, type: 'server_error', retryable: false, publicMessage: 'Internal gateway error.' },
} as const satisfies Record<string, CodeSpec>;

export type GatewayErrorCode = keyof typeof GATEWAY_ERROR_CODES;

export function specOf(code: GatewayErrorCode): CodeSpec {
  return GATEWAY_ERROR_CODES[code];
}

export function isGatewayErrorCode(value: string): value is GatewayErrorCode {
  return Object.hasOwn(GATEWAY_ERROR_CODES, value);
}
