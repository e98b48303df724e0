// Stage 4: one request to one backend over its endpoint's pool. Timeouts: connect (the pool),
// first byte (headersTimeout, cut to what is left of the request's deadline), idle (bodyTimeout),
// total (the attempt signal, which also fires when the client goes away and, before the commit
// point, when the deadline passes). A non-2xx answer is read (capped) and classified here, once.

import type { Dispatcher } from 'undici';
import type { BackendRuntime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { Exchange } from '../http/exchange.js';
import type { UpstreamRequest } from '../providers/index.js';
import { createAttemptSignal } from '../upstream/attempt-signal.js';
import { headerLookup, upstreamHeaders } from '../upstream/headers.js';
import { PROVIDER_REQUEST_ID_HEADER, providerRequestIdOf } from '../tracing/provider-request-id.js';
import { formatTraceparent } from '../tracing/trace-context.js';
import { ABORTED, failed, failureFromClass, failureFromThrown, type AttemptOutcome, type Failure, type TimedOutcome } from './failure.js';

/** Provider error bodies are small; a proxy's HTML page need not be read whole. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export type UpstreamBody = Dispatcher.ResponseData['body'];

/** What the success path gets: the body to consume, and how to classify a failure while reading it. */
export interface UpstreamSuccess {
  readonly body: UpstreamBody;
  failureOf(error: unknown): Failure;
}

export async function callUpstream(
  ex: Exchange,
  backend: BackendRuntime,
  request: UpstreamRequest,
  remainingMs: number,
  onSuccess: (success: UpstreamSuccess) => Promise<AttemptOutcome>,
): Promise<TimedOutcome> {
  const startedAt = performance.now();
  let firstByteMs: number | undefined;
  const timed = (outcome: AttemptOutcome): TimedOutcome => {
    const elapsedMs = performance.now() - startedAt;
    return { outcome: ex.signal.aborted ? ABORTED : outcome, firstByteMs: firstByteMs ?? elapsedMs, elapsedMs };
  };
  const attempt = createAttemptSignal(ex.signal, backend.timeouts.totalMs, [
    { ms: remainingMs, applies: () => !ex.res.headersSent, why: 'request deadline before the first byte' },
    { ms: Math.min(backend.timeouts.firstByteMs, remainingMs), applies: () => firstByteMs === undefined, why: 'first byte timeout' },
  ]);
  const failureOf = (error: unknown): Failure => failureFromThrown(error, attempt);
  let body: UpstreamBody | undefined;
  try {
    const response = await backend.endpoint.dispatcher.request({
      path: pathOf(request.url, backend.endpoint.origin),
      method: request.method,
      headers: upstreamHeaders(request.headers, ex.requestId, { traceparent: formatTraceparent(ex.trace), tracestate: ex.trace.tracestate }),
      body: request.body,
      signal: attempt.signal,
      // The attempt signal enforces first byte exactly; this is undici's own backstop (0 = none).
      headersTimeout: Math.max(1, backend.timeouts.firstByteMs),
      bodyTimeout: backend.timeouts.idleMs,
    });
    firstByteMs = performance.now() - startedAt;
    body = response.body;
    if (response.statusCode < 200 || response.statusCode > 299) return timed(failed(await classifyAnswer(backend, response)));
    reportProviderRequestId(ex, response.headers);
    return timed(await onSuccess({ body, failureOf }));
  } catch (error) {
    return timed(failed(failureOf(error)));
  } finally {
    attempt.dispose();
    if (body !== undefined && !body.readableEnded) body.destroy();
  }
}

/** The provider's id for the attempt that is about to answer; the client gets it as a header too. */
function reportProviderRequestId(ex: Exchange, headers: Dispatcher.ResponseData['headers']): void {
  const id = providerRequestIdOf(headers);
  ex.report.providerRequestId = id;
  if (id !== null && !ex.res.headersSent) ex.res.setHeader(PROVIDER_REQUEST_ID_HEADER, id);
  else if (!ex.res.headersSent) ex.res.removeHeader(PROVIDER_REQUEST_ID_HEADER);
}

/** The path (and query) of an adapter-built URL on the endpoint's origin. */
function pathOf(url: string, origin: string): string {
  const next = url.charAt(origin.length);
  if (url.startsWith(origin) && (next === '/' || next === '?')) return url.slice(origin.length);
  if (url === origin) return '/';
  throw new GatewayError('internal', `An adapter built a URL outside its endpoint's origin ${origin}.`);
}

async function classifyAnswer(backend: BackendRuntime, response: Dispatcher.ResponseData): Promise<Failure> {
  const text = await readCapped(response.body, MAX_ERROR_BODY_BYTES);
  const { adapter, secretForms } = backend.endpoint;
  return failureFromClass(adapter.classifyError(response.statusCode, headerLookup(response.headers), text, { secrets: secretForms }));
}

async function readCapped(body: UpstreamBody, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks, size).subarray(0, limit).toString('utf8');
}
