import type { OpenAIFlavor } from '../dialect.js';
import { jsonAnswer, type HttpAnswer } from '../http-answer.js';
import type { ErrorKind } from '../script.js';

// Error envelopes: OpenAI `{"error":{message,type,param,code}}` (pretty-printed, 2 spaces, no
// trailing newline); Azure's `{"error":{code,message}}` for gateway-level failures; Mistral's
// flat `{object:"error",...}`. Retry hints follow each provider's rate-limit headers.

export interface ErrorDetail {
  message: string;
  type: string | null;
  param: string | null;
  code: string | null;
}

interface Fault extends ErrorDetail {
  status: number;
  headers?: Record<string, string>;
}

const openAIFaults: Record<ErrorKind, Fault> = {
  rate_limit: {
    status: 429,
    message: 'Rate limit reached for requests in organization org-simulator on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.',
    type: 'requests',
    param: null,
    code: 'rate_limit_exceeded',
    headers: { 'retry-after': '1', 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' },
  },
  quota: {
    status: 429,
    message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    type: 'insufficient_quota',
    param: null,
    code: 'insufficient_quota',
  },
  overloaded: { status: 503, message: 'The engine is currently overloaded, please try again later.', type: 'server_error', param: null, code: null },
  server: { status: 500, message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null },
  auth: {
    status: 401,
    message: 'Incorrect API key provided: sk-sim***********. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
  bad_request: { status: 400, message: "Unsupported parameter: 'stop' is not supported with this model.", type: 'invalid_request_error', param: 'stop', code: 'unsupported_parameter' },
  context_length: {
    status: 400,
    message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130017 tokens. Please reduce the length of the messages.",
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
  },
};

const azureGatewayFaults: Partial<Record<ErrorKind, { status: number; code: string; message: string; headers?: Record<string, string> }>> = {
  auth: {
    status: 401,
    code: '401',
    message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  },
  rate_limit: {
    status: 429,
    code: '429',
    message: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.',
    headers: { 'retry-after': '1', 'retry-after-ms': '1000', 'x-ratelimit-remaining-requests': '0' },
  },
  overloaded: { status: 503, code: 'ServiceUnavailable', message: 'The service is temporarily unable to process your request. Please try again later.' },
};

const mistralTypes: Record<ErrorKind, { type: string; code: string; message: string }> = {
  rate_limit: { type: 'rate_limited', code: '1300', message: 'Requests rate limit exceeded' },
  quota: { type: 'service_tier_capacity_exceeded', code: '3505', message: 'Service tier capacity exceeded for this model.' },
  overloaded: { type: 'service_unavailable', code: '1002', message: 'Service unavailable.' },
  server: { type: 'internal_server_error', code: '1000', message: 'Internal server error' },
  auth: { type: 'unauthorized', code: '1001', message: 'Unauthorized' },
  bad_request: { type: 'invalid_request_error', code: '3001', message: 'Invalid request' },
  context_length: { type: 'invalid_request_error', code: '3051', message: 'Prompt contains 130017 tokens, too large for model with 131072 maximum context length' },
};

export function openAIErrorAnswer(flavor: OpenAIFlavor, kind: ErrorKind, status?: number, detail?: Partial<ErrorDetail>): HttpAnswer {
  const fault = { ...openAIFaults[kind], ...detail };
  const finalStatus = status ?? fault.status;
  if (flavor === 'mistral') return mistralAnswer(kind, finalStatus, detail?.message);
  const gateway = flavor === 'azure' && detail === undefined ? azureGatewayFaults[kind] : undefined;
  if (gateway !== undefined) {
    const body = JSON.stringify({ error: { code: gateway.code, message: gateway.message } });
    return jsonAnswer(status ?? gateway.status, body, gateway.headers ?? {});
  }
  const error = { message: fault.message, type: fault.type, param: fault.param, code: fault.code };
  return jsonAnswer(finalStatus, JSON.stringify({ error }, null, 2), fault.headers ?? {});
}

function mistralAnswer(kind: ErrorKind, status: number, message: string | undefined): HttpAnswer {
  const entry = mistralTypes[kind];
  if (kind === 'auth') return jsonAnswer(status, JSON.stringify({ message: entry.message, request_id: 'sim-request' }));
  return jsonAnswer(status, JSON.stringify({ object: 'error', message: message ?? entry.message, type: entry.type, param: null, code: entry.code }));
}

/** The in-stream failure after HTTP 200 the way Groq sends it: `event: error`, no `[DONE]`. */
export function openAIStreamErrorFrame(kind: ErrorKind): string {
  const fault = openAIFaults[kind];
  const error = { message: fault.message, type: fault.type, code: fault.code, status_code: fault.status };
  return `event: error\ndata: ${JSON.stringify({ error })}\n\n`;
}

/** Masks a key the way OpenAI's 401 message echoes it. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}
