// Errors the HTTP edge raises that the gateway error table (errors/codes.ts) has no row for yet.
// They produce the same OpenAI error JSON; respond.ts is the one place that turns either kind
// into a response. These rows belong in errors/codes.ts; until they are there, they live here.

import type { OpenAIErrorResponse } from '../errors/index.js';

const EDGE_CODES = {
  /** No config received or restored yet: the sidecar is not ready. */
  no_config: { status: 503, type: 'server_error', retryable: true },
  not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  method_not_allowed: { status: 405, type: 'invalid_request_error', retryable: false },
  headers_too_large: { status: 431, type: 'invalid_request_error', retryable: false },
  request_timeout: { status: 408, type: 'invalid_request_error', retryable: true },
  bad_request: { status: 400, type: 'invalid_request_error', retryable: false },
} as const;

export type EdgeErrorCode = keyof typeof EDGE_CODES;

export class EdgeError extends Error {
  override readonly name = 'EdgeError';
  constructor(readonly code: EdgeErrorCode, message: string, readonly headers: Readonly<Record<string, string>> = {}) {
    super(message);
  }
}

export function isEdgeError(value: unknown): value is EdgeError {
  return value instanceof EdgeError;
}

export function edgeErrorResponse(error: EdgeError): OpenAIErrorResponse {
  const spec = EDGE_CODES[error.code];
  return {
    status: spec.status,
    headers: { 'x-should-retry': String(spec.retryable), ...error.headers },
    body: { error: { message: error.message, type: spec.type, param: null, code: error.code } },
  };
}
