// The start of every data-plane request: a config must be loaded, and the body is read and
// parsed exactly once.

import type { Runtime } from '../config/runtime.js';
import { readBody } from '../http/body.js';
import { GatewayError } from '../errors/index.js';
import type { Exchange } from '../http/exchange.js';
import { parseJsonBody } from '../openai/index.js';

export function runtimeOf(ex: Exchange): Runtime {
  if (ex.runtime === null) throw new GatewayError('no_config', 'The gateway has no configuration yet; retry shortly.');
  return ex.runtime;
}

export async function readRequestJson(ex: Exchange): Promise<unknown> {
  const parsed = parseJsonBody(await readBody(ex));
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
