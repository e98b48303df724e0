import { GatewayError } from '../errors/index.js';
import { kindName, type EntityKind } from './entities.js';

/**
 * The client is told which kinds of data the route refuses, never the values. Not retryable:
 * the same request would be refused by every target (and must never be sent elsewhere).
 */
export function piiBlockedError(kinds: Iterable<EntityKind>, param: string): GatewayError {
  const names = [...new Set([...kinds].map(kindName))].sort();
  return new GatewayError(
    'pii_blocked',
    `The request was blocked by the route's data protection policy: it contains ${names.join(', ')}. Remove that data and send it again.`,
    { param },
  );
}
