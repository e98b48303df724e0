// OpenAI-family error envelopes. OpenAI and Azure: {"error":{"message","type","param","code"}}.
// Groq adds `status_code` and `failed_generation`. vLLM and Mistral put message/type/code at the
// top level with `object:"error"`; Mistral's 422 puts FastAPI's `{"detail":[…]}` inside
// `message`; Ollama sends {"error":"text"}.

import {
  classifyUpstreamError,
  factsFromText,
  type ClassifyOptions,
  type HeaderLookup,
  type UpstreamErrorClass,
  type UpstreamErrorFacts,
} from '../../errors/index.js';
import { isRecord, readString, tryParseJson } from '../../openai/index.js';

// vLLM/DeepSeek "maximum context length is N tokens", Mistral "too large for model with N
// maximum context length", Qwen "Range of input length should be [1, N]", Ollama "the input
// length exceeds the context length".
const CONTEXT_LENGTH = /context_length_exceeded|maximum context length|context window|range of input length|exceeds the context length/i;
const QUOTA_CODES = new Set(['insufficient_quota', 'billing_hard_limit_reached', 'billing_not_active']);

export function readOpenAIErrorFacts(bodyText: string): UpstreamErrorFacts {
  const body = tryParseJson(bodyText);
  if (!isRecord(body)) return factsFromText(bodyText);
  const envelope = isRecord(body.error) ? body.error : body;
  const message = typeof body.error === 'string' ? body.error : messageOf(envelope.message, body.detail);
  const code = codeOf(envelope.code);
  const type = readString(envelope, 'type');
  const param = readString(envelope, 'param');
  const providerCode = code ?? type;
  return {
    ...(message === undefined ? {} : { message }),
    ...(param === undefined ? {} : { param }),
    ...(providerCode === undefined ? {} : { providerCode }),
    quotaExhausted: QUOTA_CODES.has(code ?? '') || type === 'insufficient_quota',
    contextLengthExceeded: code === 'context_length_exceeded' || CONTEXT_LENGTH.test(message ?? ''),
  };
}

function messageOf(message: unknown, detail: unknown): string | undefined {
  if (typeof message === 'string') return message;
  if (isRecord(message)) return detailMessage(message.detail);
  return detailMessage(detail);
}

function codeOf(code: unknown): string | undefined {
  if (typeof code === 'string') return code;
  return typeof code === 'number' ? String(code) : undefined;
}

/** FastAPI validation detail: a string or a list of {loc, msg}. */
function detailMessage(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (!Array.isArray(detail)) return undefined;
  const messages = detail.filter(isRecord).map((d) => readString(d, 'msg')).filter((m) => m !== undefined);
  return messages.length === 0 ? undefined : messages.join('; ');
}

export function classifyOpenAIError(
  status: number,
  headers: HeaderLookup | undefined,
  bodyText: string,
  options?: ClassifyOptions,
): UpstreamErrorClass {
  return classifyUpstreamError(status, headers, readOpenAIErrorFacts(bodyText), options);
}

/**
 * The HTTP status an in-stream error stands for. Groq sends `status_code`; vLLM a numeric
 * `code`; otherwise the OpenAI error type decides.
 */
export function statusOfStreamError(error: Record<string, unknown>): number {
  if (typeof error.status_code === 'number') return error.status_code;
  if (typeof error.code === 'number' && error.code >= 400) return error.code;
  const type = readString(error, 'type') ?? readString(error, 'code') ?? '';
  if (/rate_limit|tokens|requests/.test(type)) return 429;
  if (type === 'insufficient_quota') return 429;
  if (/invalid_request|tool_use_failed/.test(type)) return 400;
  if (/overloaded|unavailable/.test(type)) return 503;
  return 500;
}
