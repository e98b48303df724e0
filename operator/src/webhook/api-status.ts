import { ApiException } from '@kubernetes/client-node';

/** True when a client-node call failed with this HTTP status (404 NotFound, 409 Conflict…). */
export function failedWith(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}
