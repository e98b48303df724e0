// A bug that throws from a callback inside a request (an event handler, a timer) must not take
// every other request down with the process. Each request runs in an AsyncLocalStorage scope;
// an uncaught exception inside one is logged and fails that request with `internal`. One
// outside any request is still fatal: the process state is unknown, so it logs and exits.

import { AsyncLocalStorage } from 'node:async_hooks';
import { formatSseError } from '../sse/index.js';
import { describeError, type Logger } from '../metrics/log.js';
import type { Exchange } from './exchange.js';
import { sendError } from './respond.js';

const requestScope = new AsyncLocalStorage<Exchange>();

export function runInRequestScope(ex: Exchange, work: () => void): void {
  requestScope.run(ex, work);
}

/** Fails a request whatever state its response is in. */
export function failExchange(ex: Exchange, error: unknown): void {
  if (!ex.res.headersSent) {
    sendError(ex, error);
    return;
  }
  ex.log.error('request failed after its response started', { requestId: ex.requestId, error: describeError(error) });
  if (ex.res.writableEnded) return;
  if (ex.report.streaming && !ex.res.destroyed) ex.res.end(formatSseError(error));
  else ex.res.destroy();
}

let installed = false;

/** For the process entry points only (tests keep jest's own handlers). Idempotent. */
export function installCrashGuard(log: Logger): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error) => {
    const ex = requestScope.getStore();
    if (ex === undefined) {
      log.error('uncaught exception outside any request; exiting', { error: describeError(error) });
      process.exit(1);
    }
    log.error('uncaught exception in a request; the request fails, the server keeps serving', { requestId: ex.requestId, error: describeError(error) });
    failExchange(ex, error);
  });
}
