// Headers that go upstream: the adapter's (content type, the provider key in the provider's
// header) plus our request id and the W3C trace context (the sidecar's span as the parent). Nothing the client sent is forwarded, so its Authorization and
// x-forwarded-* never reach a provider; hop-by-hop names are dropped in case an adapter sets one
// (undici refuses some of them outright).

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect',
]);

/** The trace headers to send upstream (tracing/trace-context.ts). */
export interface UpstreamTrace {
  readonly traceparent: string;
  readonly tracestate: string | null;
}

export function upstreamHeaders(adapterHeaders: Readonly<Record<string, string>>, requestId: string, trace?: UpstreamTrace): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(adapterHeaders)) {
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !lower.startsWith('x-forwarded-')) headers[lower] = value;
  }
  headers['x-request-id'] = requestId;
  if (trace !== undefined) {
    headers['traceparent'] = trace.traceparent;
    if (trace.tracestate !== null) headers['tracestate'] = trace.tracestate;
  }
  return headers;
}

/** Response headers as the error classifiers read them. */
export function headerLookup(headers: Readonly<Record<string, string | string[] | undefined>>): { get(name: string): string | null } {
  return {
    get: (name) => {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
