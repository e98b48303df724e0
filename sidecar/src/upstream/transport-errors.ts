// Failures with no HTTP status (the connection, not the provider, failed) as gateway errors.
// Timeouts are split as the endpoint config splits them: connect, first byte, idle, total.

import { GatewayError } from '../errors/index.js';
import { BLOCKED_ADDRESS_CODE } from './address-guard.js';

const TIMEOUT_MESSAGES: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT: 'Connecting to the upstream provider timed out.',
  UND_ERR_HEADERS_TIMEOUT: 'The upstream provider did not start answering in time.',
  UND_ERR_BODY_TIMEOUT: 'The upstream provider went silent in the middle of its answer.',
  ETIMEDOUT: 'Connecting to the upstream provider timed out.',
};

export interface TransportContext {
  /** The attempt's total time ran out (its own abort, not the client's). */
  readonly totalTimedOut: boolean;
}

/**
 * Undefined when the value is not a transport failure (then it is a bug, not the network).
 *
 * @example transportError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), { totalTimedOut: false })?.code // 'upstream_server_error'
 */
export function transportError(error: unknown, context: TransportContext): GatewayError | undefined {
  if (context.totalTimedOut) return new GatewayError('upstream_timeout', 'The upstream provider did not finish in time.', { cause: error });
  const code = errorCode(error);
  if (code === undefined) return undefined;
  if (code === BLOCKED_ADDRESS_CODE) {
    return new GatewayError('upstream_server_error', 'The upstream endpoint resolved to a private or local network address, which only inCluster endpoints may reach.', { cause: error });
  }
  const timeout = TIMEOUT_MESSAGES[code];
  if (timeout !== undefined) return new GatewayError('upstream_timeout', timeout, { cause: error });
  return new GatewayError('upstream_server_error', `The connection to the upstream provider failed (${code}).`, { cause: error });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
