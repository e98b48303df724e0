// A non-streamed answer: read the whole upstream body, translate, send. Any failure here is
// still before the commit point, so it is the attempt's failure and another candidate may serve.

import { GatewayError } from '../errors/index.js';
import type { Exchange } from '../http/exchange.js';
import { sendJson } from '../http/respond.js';
import { tryParseJson } from '../openai/index.js';
import { SERVED, type AttemptOutcome } from './failure.js';
import type { UpstreamBody } from './upstream.js';

/** Reads a 2xx JSON body; a body that is not JSON is the provider's fault. */
export async function readUpstreamJson(body: UpstreamBody): Promise<unknown> {
  const json = tryParseJson(await body.text());
  if (json === undefined) throw new GatewayError('upstream_invalid_response', 'The upstream provider answered with a body that is not JSON.');
  return json;
}

/** Commits: status, served headers and the translated body in one write. */
export function sendTranslated(ex: Exchange, answer: unknown, served: Readonly<Record<string, string>>): AttemptOutcome {
  sendJson(ex, 200, JSON.stringify(answer), served);
  return SERVED;
}
