// Gemini errors are google.rpc.Status: {"error":{"code","message","status","details"?}}; the
// non-SSE stream endpoint wraps it in an array. `details` decides what a bare status cannot:
// ErrorInfo API_KEY_INVALID arrives as a 400, a per-day QuotaFailure is an exhausted quota
// rather than a rate limit, and RetryInfo carries the retry delay.

import {
  classifyUpstreamError,
  factsFromText,
  parseGoogleDuration,
  type ClassifyOptions,
  type HeaderLookup,
  type UpstreamErrorClass,
  type UpstreamErrorFacts,
} from '../../errors/index.js';
import { isRecord, readArray, readString, tryParseJson } from '../../openai/index.js';

const AUTH_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_SERVICE_BLOCKED', 'API_KEY_HTTP_REFERRER_BLOCKED', 'ACCESS_TOKEN_EXPIRED']);
const DAILY_OR_BILLING_QUOTA = /per_?day|perday|billing|spending cap/i;
const CONTEXT_MESSAGE = /exceeds the maximum number of tokens/i;

export function readGeminiErrorFacts(bodyText: string): UpstreamErrorFacts {
  const parsed = tryParseJson(bodyText);
  const body = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error === undefined) return factsFromText(bodyText);
  const status = readString(error, 'status');
  const message = readString(error, 'message') ?? '';
  const details = (readArray(error, 'details') ?? []).filter(isRecord);
  const retryDelay = details.map((d) => readString(d, 'retryDelay')).find((d) => d !== undefined);
  const retryAfterMs = retryDelay === undefined ? undefined : parseGoogleDuration(retryDelay);
  return {
    message,
    ...(status === undefined ? {} : { providerCode: status }),
    authFailure: status === 'UNAUTHENTICATED' || details.some((d) => AUTH_REASONS.has(readString(d, 'reason') ?? '')),
    quotaExhausted: status === 'RESOURCE_EXHAUSTED' && quotaIds(details).some((id) => DAILY_OR_BILLING_QUOTA.test(id)),
    contextLengthExceeded: CONTEXT_MESSAGE.test(message),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/** quotaId / quotaMetric of every QuotaFailure violation. */
function quotaIds(details: readonly Record<string, unknown>[]): string[] {
  return details.flatMap((detail) =>
    (readArray(detail, 'violations') ?? [])
      .filter(isRecord)
      .flatMap((v) => [readString(v, 'quotaId') ?? '', readString(v, 'quotaMetric') ?? '']),
  );
}

export function classifyGeminiError(
  status: number,
  headers: HeaderLookup | undefined,
  bodyText: string,
  options?: ClassifyOptions,
): UpstreamErrorClass {
  return classifyUpstreamError(status, headers, readGeminiErrorFacts(bodyText), options);
}
