import type { HttpAnswer } from '../http-answer.js';
import type { ErrorKind } from '../script.js';
import { arrayFrame, arrayTail, prettyJson, sseFrame } from './wire.js';

// Envelope: {"error":{"code","message","status","details"?}}, pretty-printed. The streaming
// endpoint answers errors as plain JSON while still saying `text/event-stream`.

interface Fault {
  code: number;
  message: string;
  details?: unknown[];
}

const faults: Record<ErrorKind, Fault> = {
  rate_limit: { code: 429, message: 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.' },
  quota: {
    code: 429,
    message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier', quotaValue: '200' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' },
    ],
  },
  overloaded: { code: 503, message: 'The model is overloaded. Please try again later.' },
  server: { code: 500, message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting' },
  auth: { code: 403, message: 'The caller does not have permission' },
  bad_request: { code: 400, message: 'Request contains an invalid argument.' },
  context_length: { code: 400, message: 'The input token count (1200017) exceeds the maximum number of tokens allowed (1048576).' },
};

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function statusName(code: number): string {
  return statusNames[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

export const invalidKeyDetails = [
  { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
  { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
];

function errorBody(code: number, message: string, details?: unknown[]): { error: Record<string, unknown> } {
  return { error: { code, message, status: statusName(code), ...(details === undefined ? {} : { details }) } };
}

export function geminiEnvelope(code: number, message: string, streaming: boolean, details?: unknown[]): HttpAnswer {
  const contentType = streaming ? 'text/event-stream' : 'application/json; charset=UTF-8';
  return { status: code, headers: { 'content-type': contentType }, body: `${prettyJson(errorBody(code, message, details))}\n` };
}

export function geminiError(kind: ErrorKind, streaming: boolean, status?: number, message?: string): HttpAnswer {
  const fault = faults[kind];
  return geminiEnvelope(status ?? fault.code, message ?? fault.message, streaming, fault.details);
}

/** A failure after HTTP 200: an `{"error":…}` chunk, which the SDK turns into an ApiError. */
export function geminiStreamErrorFrame(kind: ErrorKind, sse: boolean, index: number): string {
  const fault = faults[kind];
  const body = errorBody(fault.code, fault.message);
  return sse ? sseFrame(body) : `${arrayFrame(body, index)}${arrayTail}`;
}
