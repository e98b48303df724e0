// The node:http server: limits against oversized and slow clients, one exchange per request
// run inside its crash scope, and malformed HTTP answered with OpenAI error JSON.

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Runtime } from '../config/runtime.js';
import type { Logger } from '../metrics/log.js';
import { notifyFinished, type FinishListener, type StartListener } from './finish.js';
import { failExchange, runInRequestScope } from './crash-guard.js';
import { GatewayError, toOpenAIError } from '../errors/index.js';
import { createExchange, type Exchange } from './exchange.js';
import { createServer, STATUS_CODES } from './node-http.js';
import { formatTraceparent, startTrace } from '../tracing/trace-context.js';
import { routeOf, type RouteLookup, type RouteSpec } from './routes.js';

export interface HttpLimits {
  /** Largest request body; larger ones get 413 body_too_large. */
  readonly maxBodyBytes: number;
  /** Largest request head; larger ones get 431 headers_too_large. */
  readonly maxHeaderBytes: number;
  /** A client must send its full request head within this. */
  readonly headersTimeoutMs: number;
  /** A client must send its full request (head and body) within this. */
  readonly requestTimeoutMs: number;
  /** Idle keep-alive connections from the app are kept this long. */
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxBodyBytes: 4 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Longer than the idle timeouts of common client pools, so the server is not the side that
  // closes a connection the client is about to reuse.
  keepAliveTimeoutMs: 75_000,
};

export interface ServerDeps {
  readonly limits: HttpLimits;
  readonly log: Logger;
  currentRuntime(): Runtime | null;
  /** Default: the whole surface (routeOf); the admin listener passes adminRouteOf. */
  readonly route?: RouteLookup;
  /** Told about every metered request once its response is done (metrics, logs, traces, usage). */
  readonly onFinished?: readonly FinishListener[];
  /** Told about every request as it arrives, before its handler runs (the request log's body taps). */
  readonly onStarted?: readonly StartListener[];
}

export function createHttpServer(deps: ServerDeps): Server {
  const { limits } = deps;
  const route = deps.route ?? routeOf;
  const exchanges = new WeakMap<Duplex, Exchange>();
  const server = createServer({
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1_000,
  }, (req, res) => {
    const ex = createExchange(req, res, { runtime: deps.currentRuntime(), limits, log: deps.log });
    exchanges.set(req.socket, ex);
    for (const listener of deps.onStarted ?? []) listener(ex);
    runInRequestScope(ex, () => void serve(ex, route(req.method, req.url), deps.onFinished ?? []));
  });
  server.on('clientError', (error: Error, socket: Duplex) => answerClientError(error, socket, exchanges.get(socket)));
  return server;
}

async function serve(ex: Exchange, route: RouteSpec, listeners: readonly FinishListener[]): Promise<void> {
  try {
    await route.handle(ex);
  } catch (error) {
    failExchange(ex, error);
  } finally {
    if (route.metered) {
      const seconds = (performance.now() - ex.startedAt) / 1000;
      // 499 (nginx's "client closed request") when the client left before any answer.
      const status = ex.res.headersSent ? ex.res.statusCode : 499;
      notifyFinished(listeners, { ex, status, seconds });
    }
  }
}

/** Malformed HTTP, oversized heads and slow clients, answered before or instead of a handler. */
function answerClientError(error: Error, socket: Duplex, ex: Exchange | undefined): void {
  const code = 'code' in error ? error.code : undefined;
  if (code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const edge = code === 'HPE_HEADER_OVERFLOW' ? new GatewayError('headers_too_large', 'The request headers are too large.')
    : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? new GatewayError('request_timeout', 'The request was not received in time.')
    : new GatewayError('bad_request', 'The request is not valid HTTP.');
  // The socket's last exchange may be long finished (keep-alive); only a running one is answered through.
  const running = ex !== undefined && !ex.res.writableEnded ? ex : undefined;
  if (running !== undefined && !running.res.headersSent) {
    running.res.setHeader('connection', 'close');
    failExchange(running, edge);
    return;
  }
  // Answered already, but its body is still arriving (an early error, a 413): the fault is in that
  // body, and a second response would be one the client never asked for.
  const answeredEarly = ex !== undefined && ex.res.writableEnded && !ex.req.complete;
  if (running !== undefined || answeredEarly) {
    socket.destroy();
    return;
  }
  socket.end(rawErrorResponse(edge));
}

function rawErrorResponse(edge: GatewayError): string {
  const response = toOpenAIError(edge);
  const body = JSON.stringify(response.body);
  const headers = { ...response.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-request-id': randomUUID(), traceparent: formatTraceparent(startTrace({})), connection: 'close' };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n${head}\r\n${body}`;
}
