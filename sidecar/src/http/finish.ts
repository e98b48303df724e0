// What happens once a response is done: each listener (metrics, the request log, usage
// accounting, experiments) reads the exchange's report. A listener that throws is a bug in
// that listener; it is logged and the others still run, since none may lose the others' record.

import { describeError } from '../metrics/log.js';
import type { Exchange } from './exchange.js';

export interface FinishedExchange {
  readonly ex: Exchange;
  /** The status the client got; 499 when it left before any answer. */
  readonly status: number;
  /** Arrival to the last byte written. */
  readonly seconds: number;
}

export type FinishListener = (finished: FinishedExchange) => void;

/** Told about every data-plane request as it arrives, before anything is read or written (body taps). */
export type StartListener = (ex: Exchange) => void;

export function notifyFinished(listeners: readonly FinishListener[], finished: FinishedExchange): void {
  for (const listener of listeners) {
    try {
      listener(finished);
    } catch (error) {
      finished.ex.log.error('a finish listener failed', { requestId: finished.ex.requestId, error: describeError(error) });
    }
  }
}
