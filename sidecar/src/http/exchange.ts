// One client request and its response, as every stage sees it. The runtime is captured once
// here, so a config swap mid-request never mixes two configs.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../config/runtime.js';
import type { Logger } from '../metrics/log.js';
import { requestIdOf } from './request-id.js';

export interface ExchangeLimits {
  readonly maxBodyBytes: number;
}

/** What stages learn about the request as it goes: metric labels, and the response's form. */
export interface ExchangeReport {
  route: string;
  provider: string;
  /** The response is an SSE stream (so a late failure ends it with an error event). */
  streaming: boolean;
}

export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
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
  return {
    req,
    res,
    requestId: requestIdOf(req.headers['x-request-id']),
    startedAt: performance.now(),
    runtime: deps.runtime,
    signal: clientGone.signal,
    limits: deps.limits,
    log: deps.log,
    report: { route: '', provider: '', streaming: false },
  };
}
