// Anthropic error envelope: {"type":"error","error":{"type","message"},"request_id"}, the same
// for HTTP errors and for the in-stream `event: error` frame sent after a 200.

import {
  classifyUpstreamError,
  factsFromText,
  type ClassifyOptions,
  type HeaderLookup,
  type UpstreamErrorClass,
  type UpstreamErrorFacts,
} from '../../errors/index.js';
import { isRecord, readString, tryParseJson } from '../../openai/index.js';

// "Your credit balance is too low…", "You have reached your specified API usage limits…".
const QUOTA_MESSAGE = /credit balance is too low|specified api usage limits|spend limit|billing/i;
// "prompt is too long: 208000 tokens > 200000 maximum"; "input length and `max_tokens` exceed context limit".
const CONTEXT_MESSAGE = /prompt is too long|exceed context limit|context window/i;

export function readAnthropicErrorFacts(bodyText: string): UpstreamErrorFacts {
  const body = tryParseJson(bodyText);
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error === undefined) return factsFromText(bodyText);
  const type = readString(error, 'type');
  const message = readString(error, 'message') ?? '';
  return {
    message,
    ...(type === undefined ? {} : { providerCode: type }),
    quotaExhausted: type === 'billing_error' || QUOTA_MESSAGE.test(message),
    contextLengthExceeded: CONTEXT_MESSAGE.test(message),
    authFailure: type === 'authentication_error' || type === 'permission_error',
  };
}

export function classifyAnthropicError(
  status: number,
  headers: HeaderLookup | undefined,
  bodyText: string,
  options?: ClassifyOptions,
): UpstreamErrorClass {
  return classifyUpstreamError(status, headers, readAnthropicErrorFacts(bodyText), options);
}

// The HTTP status each error type is documented with; in-stream errors carry only the type.
const STATUS_BY_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function statusOfAnthropicErrorType(type: string | undefined): number {
  return (type === undefined ? undefined : STATUS_BY_TYPE[type]) ?? 500;
}
