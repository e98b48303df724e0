// The one place that decides what an error looks like to the client.

import { specOf, type OpenAIErrorType } from './codes.js';
import { GatewayError, isGatewayError } from './gateway-error.js';

export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string };
}

export interface OpenAIErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: OpenAIErrorBody;
}

/**
 * Maps any thrown value to the OpenAI error JSON, status and retry headers. Values that are not
 * a GatewayError become `internal` with a fixed message, so stack traces and upstream details
 * never reach the client.
 *
 * @example toOpenAIError(new GatewayError('upstream_rate_limited', 'Slow down', { retryAfterMs: 2000 }))
 *   // → { status: 429, headers: { 'x-should-retry': 'true', 'retry-after': '2', 'retry-after-ms': '2000' }, body: … }
 */
export function toOpenAIError(err: unknown): OpenAIErrorResponse {
  const error = isGatewayError(err) ? err : new GatewayError('internal', 'Unexpected non-gateway error', { cause: err });
  const spec = specOf(error.code);
  return {
    status: error.status,
    headers: retryHeaders(error),
    body: {
      error: {
        message: spec.publicMessage ?? error.message,
        type: spec.type,
        param: error.param ?? null,
        code: error.code,
      },
    },
  };
}

function retryHeaders(error: GatewayError): Record<string, string> {
  // OpenAI and Anthropic SDKs read x-should-retry before their own status rules.
  const headers: Record<string, string> = { ...error.headers, 'x-should-retry': String(error.retryable) };
  if (error.retryable && error.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
    headers['retry-after-ms'] = String(Math.round(error.retryAfterMs));
  }
  return headers;
}
