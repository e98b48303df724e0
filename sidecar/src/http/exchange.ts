// One client request and its response, as every stage sees it. The runtime is captured once
// here, so a config swap mid-request never mixes two configs.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PricingConfig } from '@switchyard/contract';
import type { Runtime } from '../config/runtime.js';
import type { Logger } from '../metrics/log.js';
import type { Usage } from '../openai/index.js';
import { formatTraceparent, startTrace, type TraceContext } from '../tracing/trace-context.js';
import { requestIdOf } from './request-id.js';

export interface ExchangeLimits {
  readonly maxBodyBytes: number;
}

/** The backend whose answer the client got. */
export interface ServedReport {
  readonly target: string;
  readonly endpointId: string;
  /** The model as the route and pool write it. */
  readonly model: string;
  /** The name sent upstream (the Azure deployment, else the model). */
  readonly upstreamModel: string;
  readonly pricing: PricingConfig;
}

/**
 * What stages learn about the request as it goes. Finish listeners (metrics, logs, usage,
 * experiments) read it once the response is done; stages only ever fill it in.
 */
export interface ExchangeReport {
  route: string;
  provider: string;
  /** The response is an SSE stream (so a late failure ends it with an error event). */
  streaming: boolean;
  /** "chat" or "embeddings"; empty for other paths. */
  operation: string;
  /** Use case the request named (header), empty when none. */
  useCase: string;
  /** Which rule, intent or default picked the first target (x-switchyard-decision). */
  decidedBy: string;
  /** Null until an attempt served the request. */
  served: ServedReport | null;
  /** The provider's own usage for the served attempt; null when it reported none. */
  usage: Usage | null;
  /** The provider's request id for the served attempt (x-request-id, request-id, …). */
  providerRequestId: string | null;
  /** Milliseconds from arrival to the first byte of the served attempt's upstream answer. */
  upstreamFirstByteMs: number | null;
  /** Milliseconds the served attempt spent upstream, first request byte to last response byte. */
  upstreamMs: number | null;
  /** Milliseconds from arrival to the first chunk of a streamed answer written to the client (time to first token). */
  firstChunkMs: number | null;
  /** Attempts made (retries and failovers included). */
  attempts: number;
  /** The error code the client got; null when it got an answer. */
  errorCode: string | null;
  /** W3C trace id (32 hex) of the request; set by the tracing stage, '' until then. */
  traceId: string;
  /** The experiment variant the request was assigned to (x-switchyard-experiment); null when none. */
  experiment: { readonly name: string; readonly variant: string } | null;
}

export function emptyReport(): ExchangeReport {
  return {
    route: '', provider: '', streaming: false, operation: '', useCase: '', decidedBy: '', served: null, usage: null,
    providerRequestId: null, upstreamFirstByteMs: null, upstreamMs: null, firstChunkMs: null, attempts: 0, errorCode: null, traceId: '',
    experiment: null,
  };
}

export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  /** The request's W3C trace context: the client's trace continued, or a new one. */
  readonly trace: TraceContext;
  /** performance.now() at arrival. */
  readonly startedAt: number;
  /** Null while no config is loaded. */
  readonly runtime: Runtime | null;
  /** Aborts when the client goes away before the response is complete. */
  readonly signal: AbortSignal;
  readonly limits: ExchangeLimits;
  readonly log: Logger;
  readonly report: ExchangeReport;
}

export interface ExchangeDeps {
  readonly runtime: Runtime | null;
  readonly limits: ExchangeLimits;
  readonly log: Logger;
}

export function createExchange(req: IncomingMessage, res: ServerResponse, deps: ExchangeDeps): Exchange {
  const clientGone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  const requestId = requestIdOf(req.headers['x-request-id']);
  const trace = startTrace(req.headers);
  // Set before any handler runs, so every answer carries them: errors and streams included.
  res.setHeader('x-request-id', requestId);
  res.setHeader('traceparent', formatTraceparent(trace));
  const report = emptyReport();
  report.traceId = trace.traceId;
  return {
    req,
    res,
    requestId,
    trace,
    startedAt: performance.now(),
    runtime: deps.runtime,
    signal: clientGone.signal,
    limits: deps.limits,
    log: deps.log,
    report,
  };
}
