// GET /v1/models: the aliases the loaded config serves, in OpenAI's list shape (built once per config).

import type { Exchange } from '../http/exchange.js';
import { sendJson } from '../http/respond.js';
import { runtimeOf } from './intake.js';

export async function handleModels(ex: Exchange): Promise<void> {
  sendJson(ex, 200, runtimeOf(ex).modelList);
}
