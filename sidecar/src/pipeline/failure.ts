// Every failed attempt becomes one Failure, classified once: from the provider's status and body
// via the adapter's classifyError, or from what was thrown (translator, transport, timeout).

import { GatewayError, isGatewayError, toGatewayError, type GatewayErrorCode, type UpstreamErrorClass } from '../errors/index.js';
import { transportError, type TransportContext } from '../upstream/transport-errors.js';

export interface Failure {
  readonly error: GatewayError;
  /** The request itself is wrong: no other candidate would do better. */
  readonly requestAtFault: boolean;
  /** The provider's HTTP status, when it answered with one. */
  readonly upstreamStatus: number | undefined;
}

/** What a provider's 400/413/422 (and our own validation) turns into. */
const REQUEST_AT_FAULT: ReadonlySet<GatewayErrorCode> = new Set([
  'upstream_bad_request', 'context_length_exceeded', 'invalid_request', 'invalid_json', 'body_too_large',
]);

export function failureFromClass(classified: UpstreamErrorClass): Failure {
  return {
    error: toGatewayError(classified),
    requestAtFault: REQUEST_AT_FAULT.has(classified.code),
    upstreamStatus: classified.upstreamStatus,
  };
}

export function failureFromThrown(error: unknown, context: TransportContext): Failure {
  const gatewayError = isGatewayError(error)
    ? error
    : (transportError(error, context) ?? new GatewayError('internal', 'An attempt failed unexpectedly.', { cause: error }));
  return { error: gatewayError, requestAtFault: REQUEST_AT_FAULT.has(gatewayError.code), upstreamStatus: undefined };
}

/** How one attempt ended. Once the response has started, an attempt always reports ok. */
export type AttemptOutcome = { readonly ok: true } | { readonly ok: false; readonly failure: Failure };

export const SERVED: AttemptOutcome = { ok: true };

export function failed(failure: Failure): AttemptOutcome {
  return { ok: false, failure };
}
