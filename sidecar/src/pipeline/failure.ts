// Every failed attempt becomes one Failure, classified once: from the provider's status and body
// via the adapter's classifyError, or from what was thrown (translator, transport, timeout).

import { GatewayError, isGatewayError, toGatewayError, type GatewayErrorCode, type UpstreamErrorClass } from '../errors/index.js';
import type { Outcome } from '../resilience/index.js';
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

/** The failure as the retry layer reads it: its code and the provider's retry hint. */
export function outcomeOf(failure: Failure): Outcome {
  return { code: failure.error.code, retryAfterMs: failure.error.retryAfterMs };
}

/**
 * How one attempt ended. `failed` is before the commit point (another candidate may serve);
 * `broken` is after it (the client got part of a stream, then its one error event).
 */
export type AttemptOutcome =
  | { readonly kind: 'served' }
  | { readonly kind: 'broken'; readonly failure: Failure }
  | { readonly kind: 'failed'; readonly failure: Failure }
  | { readonly kind: 'aborted' };

export const SERVED: AttemptOutcome = { kind: 'served' };
export const ABORTED: AttemptOutcome = { kind: 'aborted' };

export function failed(failure: Failure): AttemptOutcome {
  return { kind: 'failed', failure };
}

export function broken(failure: Failure): AttemptOutcome {
  return { kind: 'broken', failure };
}

/** An outcome with the attempt's timing, for the latency the retry layer keeps per endpoint. */
export interface TimedOutcome {
  readonly outcome: AttemptOutcome;
  /** Attempt start to the upstream's response headers; the whole attempt when none came. */
  readonly firstByteMs: number;
  readonly elapsedMs: number;
}

export function untimed(outcome: AttemptOutcome): TimedOutcome {
  return { outcome, firstByteMs: 0, elapsedMs: 0 };
}
