// Classify once: every upstream failure becomes one UpstreamErrorClass, and retry, failover,
// the circuit breaker, metrics and the client response all read that one value. Providers only
// extract facts from their own error envelope (providers/<name>/errors.ts); the rules live here.

import { specOf, type GatewayErrorCode } from './codes.js';
import { GatewayError } from './gateway-error.js';
import { parseRetryAfterHeaders, type HeaderLookup } from './retry-after.js';
import { scrubSecrets } from './scrub.js';

/** What a provider's error body says, in provider-neutral terms. */
export interface UpstreamErrorFacts {
  readonly message?: string;
  /** Request field at fault, when the provider names one (OpenAI family). */
  readonly param?: string;
  /** The provider's own label (Anthropic error.type, Gemini status, OpenAI code), for logs. */
  readonly providerCode?: string;
  readonly quotaExhausted?: boolean;
  readonly contextLengthExceeded?: boolean;
  /** Auth failures some providers report with a non-401 status (Gemini: 400 API_KEY_INVALID). */
  readonly authFailure?: boolean;
  /** A retry hint found in the body rather than in headers. */
  readonly retryAfterMs?: number;
}

export interface UpstreamErrorClass {
  readonly class: 'retryable' | 'fatal';
  readonly code: GatewayErrorCode;
  /** The status the client will see. */
  readonly status: number;
  readonly upstreamStatus: number;
  readonly retryAfterMs?: number;
  /** The provider's message with credentials scrubbed. */
  readonly message: string;
  readonly param?: string;
  readonly providerCode?: string;
}

export interface ClassifyOptions {
  /** Clock for HTTP-date Retry-After values. */
  readonly nowMs?: number;
  /** Exact secrets (the target's API key) to cut from relayed messages. */
  readonly secrets?: readonly string[];
}

const NO_HEADERS: HeaderLookup = { get: () => null };
const MAX_PLAIN_TEXT_MESSAGE = 300;

/**
 * Facts from a body that is not the provider's JSON envelope (a proxy or load balancer
 * answered). Short plain text is worth relaying; HTML pages and long dumps are not.
 */
export function factsFromText(bodyText: string): UpstreamErrorFacts {
  const text = bodyText.trim();
  if (text === '' || text.startsWith('<') || text.length > MAX_PLAIN_TEXT_MESSAGE) return {};
  return { message: text };
}

/**
 * @example classifyUpstreamError(429, headers, { message: 'Slow down' })
 *   // → { class: 'retryable', code: 'upstream_rate_limited', status: 429, retryAfterMs: 2000, … }
 */
export function classifyUpstreamError(
  upstreamStatus: number,
  headers: HeaderLookup | undefined,
  facts: UpstreamErrorFacts,
  options: ClassifyOptions = {},
): UpstreamErrorClass {
  const code = codeFor(upstreamStatus, facts);
  const spec = specOf(code);
  const retryAfterMs = spec.retryable
    ? (parseRetryAfterHeaders(headers ?? NO_HEADERS, options.nowMs ?? Date.now()) ?? facts.retryAfterMs)
    : undefined;
  const message = scrubSecrets(facts.message ?? `Upstream provider returned HTTP ${upstreamStatus}`, options.secrets);
  const param = relayedParam(code, facts);
  return {
    class: spec.retryable ? 'retryable' : 'fatal',
    code,
    status: spec.status,
    upstreamStatus,
    message,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(param === undefined ? {} : { param }),
    ...(facts.providerCode === undefined ? {} : { providerCode: facts.providerCode }),
  };
}

function codeFor(status: number, facts: UpstreamErrorFacts): GatewayErrorCode {
  if (facts.authFailure === true || status === 401 || status === 403) return 'upstream_auth';
  // DeepSeek and Together answer an empty balance with 402.
  if (facts.quotaExhausted === true || status === 402) return 'upstream_quota_exhausted';
  if (facts.contextLengthExceeded === true) return 'context_length_exceeded';
  if (status === 429) return 'upstream_rate_limited';
  if (status === 408 || status === 504) return 'upstream_timeout';
  // 529 is Anthropic's overloaded_error.
  if (status === 503 || status === 529) return 'upstream_overloaded';
  if (status === 404) return 'upstream_not_found';
  // 409 is a lock conflict the OpenAI SDK retries; any other 5xx is the provider's fault.
  if (status === 409 || status >= 500) return 'upstream_server_error';
  if (status >= 400) return 'upstream_bad_request';
  return 'upstream_invalid_response';
}

function relayedParam(code: GatewayErrorCode, facts: UpstreamErrorFacts): string | undefined {
  if (code === 'context_length_exceeded') return facts.param ?? 'messages';
  if (code === 'upstream_bad_request') return facts.param;
  return undefined;
}

/** The error to throw (or end a stream with) for a classified upstream failure. */
export function toGatewayError(classified: UpstreamErrorClass): GatewayError {
  return new GatewayError(classified.code, classified.message, {
    ...(classified.param === undefined ? {} : { param: classified.param }),
    ...(classified.retryAfterMs === undefined ? {} : { retryAfterMs: classified.retryAfterMs }),
  });
}
