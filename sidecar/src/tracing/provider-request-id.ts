// The provider's own id for a request, the one its support desk asks for. Each provider names
// the response header differently: OpenAI and the OpenAI-compatible family `x-request-id`,
// Anthropic `request-id`, Azure OpenAI `apim-request-id` (its API Management front door; also
// `x-ms-request-id` on some deployments). Gemini sends none: its id is the body's `responseId`,
// which reaches the client as the completion's `id` anyway.

import type { Exchange } from '../http/exchange.js';

const HEADERS = ['x-request-id', 'request-id', 'apim-request-id', 'x-ms-request-id'] as const;
const SANE_ID = /^[\x21-\x7e]{1,200}$/;

/** @example providerRequestIdOf({ 'request-id': 'req_011CV…' }) // 'req_011CV…' */
export function providerRequestIdOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
  for (const name of HEADERS) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && SANE_ID.test(first)) return first;
  }
  return null;
}

/** The response header the client finds the provider's id in. */
export const PROVIDER_REQUEST_ID_HEADER = 'x-switchyard-provider-request-id';

/**
 * Falls back to the id in the provider's body (Gemini's `responseId`, a completion's `id`) when
 * no header named one; `ownId` is what a translator mints when the provider sent none.
 */
export function reportBodyRequestId(ex: Exchange, bodyId: string | undefined, ownId: string): void {
  if (ex.report.providerRequestId !== null || bodyId === undefined || bodyId === ownId || !SANE_ID.test(bodyId)) return;
  ex.report.providerRequestId = bodyId;
  if (!ex.res.headersSent) ex.res.setHeader(PROVIDER_REQUEST_ID_HEADER, bodyId);
}
