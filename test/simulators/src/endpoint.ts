import type { ServerResponse } from 'node:http';
import type { HttpAnswer } from './http-answer.js';
import type { Incoming } from './incoming.js';
import type { ErrorKind, Script } from './script.js';
import type { SimulatorState } from './state.js';

export interface ServeContext {
  incoming: Incoming;
  res: ServerResponse;
  script: Script | undefined;
  state: SimulatorState;
  /** Aborted when the simulator closes, so trickling streams stop. */
  signal: AbortSignal;
}

/** One resolved provider endpoint for one request. */
export interface Endpoint {
  model?: string;
  flavor?: string;
  stream: boolean;
  /** A provider error answer when the credentials are missing or wrong. */
  authenticate(apiKey: string | undefined): HttpAnswer | undefined;
  /** The provider's error body for a scripted fault; `status` overrides the kind's default. */
  errorAnswer(kind: ErrorKind, status?: number): HttpAnswer;
  serve(ctx: ServeContext): Promise<void>;
}

export interface DialectModule {
  resolve(incoming: Incoming, state: SimulatorState): Endpoint | undefined;
  notFound(incoming: Incoming): HttpAnswer;
}
