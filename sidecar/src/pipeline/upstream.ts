// Stage 4: one request to one backend over its endpoint's pool. Timeouts: connect (the pool),
// first byte (headersTimeout), idle (bodyTimeout), total (the attempt signal, which also fires
// when the client goes away). A non-2xx answer is read (capped) and classified here, once.

import type { Dispatcher } from 'undici';
import type { BackendRuntime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { Exchange } from '../http/exchange.js';
import type { UpstreamRequest } from '../providers/index.js';
import { createAttemptSignal } from '../upstream/attempt-signal.js';
import { headerLookup, upstreamHeaders } from '../upstream/headers.js';
import { failed, failureFromClass, failureFromThrown, type AttemptOutcome, type Failure } from './failure.js';

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
  onSuccess: (success: UpstreamSuccess) => Promise<AttemptOutcome>,
): Promise<AttemptOutcome> {
  const attempt = createAttemptSignal(ex.signal, backend.timeouts.totalMs);
  const failureOf = (error: unknown): Failure => failureFromThrown(error, attempt);
  let body: UpstreamBody | undefined;
  try {
    const response = await backend.endpoint.dispatcher.request({
      path: pathOf(request.url, backend.endpoint.origin),
      method: request.method,
      headers: upstreamHeaders(request.headers, ex.requestId),
      body: request.body,
      signal: attempt.signal,
      headersTimeout: backend.timeouts.firstByteMs,
      bodyTimeout: backend.timeouts.idleMs,
    });
    body = response.body;
    if (response.statusCode < 200 || response.statusCode > 299) return failed(await classifyAnswer(backend, response));
    return await onSuccess({ body, failureOf });
  } catch (error) {
    return failed(failureOf(error));
  } finally {
    attempt.dispose();
    if (body !== undefined && !body.readableEnded) body.destroy();
  }
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
  const { adapter, apiKey } = backend.endpoint;
  const secrets = apiKey === '' ? [] : [apiKey];
  return failureFromClass(adapter.classifyError(response.statusCode, headerLookup(response.headers), text, { secrets }));
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
