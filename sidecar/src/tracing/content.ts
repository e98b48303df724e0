// Prompt and response content for spans, only when OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT
// asks for it: the request body as the client sent it and the answer as the client got it (the
// request log's taps), each capped. What the client sent is before any PII redaction: turning
// this on exports it to the collector, which is why it is opt-in.

import type { Exchange } from '../http/exchange.js';
import type { StartListener } from '../http/finish.js';
import { capturedText, tapRequest, tapResponse, type CapturedBytes } from '../logging/capture.js';
import type { SpanContent } from './span.js';

const MAX_CONTENT_BYTES = 64 * 1024;

const taps = new WeakMap<Exchange, { readonly request: CapturedBytes; readonly response: CapturedBytes }>();

/** The start listener that taps both bodies of every request. */
export const tapContent: StartListener = (ex) => {
  taps.set(ex, { request: tapRequest(ex.req, MAX_CONTENT_BYTES), response: tapResponse(ex.res, MAX_CONTENT_BYTES) });
};

/** The request's messages (or embeddings input) and the answer's choices, or their raw text. */
export function capturedContent(ex: Exchange): SpanContent | undefined {
  const tapped = taps.get(ex);
  if (tapped === undefined) return undefined;
  const request = parsed(capturedText(tapped.request));
  const response = capturedText(tapped.response);
  const answer = parsed(response);
  return {
    input: request?.['messages'] ?? request?.['input'] ?? capturedText(tapped.request),
    output: answer?.['choices'] ?? answer?.['data'] ?? response,
  };
}

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
