// x-request-id: the client's when it is a sane token (it ends up in logs and upstream
// headers), otherwise a fresh UUID.

import { randomUUID } from 'node:crypto';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;

/** @example requestIdOf('abc-123') // 'abc-123'; requestIdOf('bad\u0000id') // a new UUID */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
