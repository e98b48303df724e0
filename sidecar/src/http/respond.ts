// Writing responses. Every response carries x-request-id; every error goes through the errors
// module's one mapping, toOpenAIError.

import { isGatewayError, toOpenAIError, type OpenAIErrorResponse } from '../errors/index.js';
import { describeError } from '../metrics/log.js';
import type { Exchange } from './exchange.js';

export function sendJson(ex: Exchange, status: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  ex.res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': ex.requestId,
  });
  ex.res.end(body);
}

export function errorResponseOf(error: unknown): OpenAIErrorResponse {
  return toOpenAIError(error);
}

/**
 * Answers with the OpenAI error JSON for any thrown value. Values that are not gateway errors
 * are bugs: logged with their stack, shown to the client as `internal`.
 */
export function sendError(ex: Exchange, error: unknown): void {
  if (!isGatewayError(error)) {
    ex.log.error('request failed unexpectedly', { requestId: ex.requestId, error: describeError(error) });
  }
  if (ex.res.headersSent || ex.res.destroyed) return;
  const response = errorResponseOf(error);
  ex.report.errorCode = response.body.error.code;
  sendJson(ex, response.status, JSON.stringify(response.body), response.headers);
}
