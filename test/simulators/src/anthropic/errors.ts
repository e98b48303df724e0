import { jsonAnswer, type HttpAnswer } from '../http-answer.js';
import { mintToken } from '../ids.js';
import type { ErrorKind } from '../script.js';

// Envelope: {"type":"error","error":{"type","message"},"request_id"} with `request-id` and
// `x-should-retry` headers; 429 carries `retry-after`.

interface Fault {
  status: number;
  type: string;
  message: string;
}

const faults: Record<ErrorKind, Fault> = {
  rate_limit: {
    status: 429,
    type: 'rate_limit_error',
    message: 'This request would exceed the rate limit for your organization (00000000-0000-4000-a000-000000000000) of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
  },
  quota: { status: 400, type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' },
  overloaded: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
  server: { status: 500, type: 'api_error', message: 'Internal server error' },
  auth: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
  bad_request: { status: 400, type: 'invalid_request_error', message: 'messages: text content blocks must be non-empty' },
  context_length: { status: 400, type: 'invalid_request_error', message: 'prompt is too long: 210017 tokens > 200000 maximum' },
};

const typeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

let requestSeq = 0;

export function requestId(): string {
  requestSeq += 1;
  return `req_011C${mintToken('anthropic-request', requestSeq, 20, '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz')}`;
}

export function anthropicError(kind: ErrorKind, status?: number, message?: string): HttpAnswer {
  const fault = faults[kind];
  const finalStatus = status ?? fault.status;
  const type = finalStatus === fault.status ? fault.type : (typeByStatus[finalStatus] ?? (finalStatus >= 500 ? 'api_error' : 'invalid_request_error'));
  return envelope(finalStatus, type, message ?? fault.message);
}

export function envelope(status: number, type: string, message: string): HttpAnswer {
  const id = requestId();
  const retryable = status === 429 || status >= 500;
  const headers: Record<string, string> = { 'request-id': id, 'x-should-retry': String(retryable) };
  if (status === 429) headers['retry-after'] = '1';
  return jsonAnswer(status, JSON.stringify({ type: 'error', error: { type, message }, request_id: id }), headers);
}

export function anthropicStreamErrorFrame(kind: ErrorKind): string {
  const fault = faults[kind];
  const data = { type: 'error', error: { type: fault.type, message: fault.message }, request_id: requestId() };
  return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
}
