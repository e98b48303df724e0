import type { ServerResponse } from 'node:http';
import { jsonAnswer, sendAnswer } from './http-answer.js';
import type { Incoming } from './incoming.js';
import type { RecordedRequest } from './record.js';
import { parseScripts, ScriptError, type Script } from './script.js';

/** What the `/__sim/*` control endpoints operate on. */
export interface ControlTarget {
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  script(...scripts: Script[]): void;
  pendingScripts(): Script[];
  clearScripts(): void;
  reset(): void;
  describe(): Record<string, unknown>;
}

export const controlPrefix = '/__sim/';

export function handleControl(incoming: Incoming, res: ServerResponse, target: ControlTarget): void {
  const route = `${incoming.method} ${incoming.url.pathname}`;
  switch (route) {
    case 'GET /__sim/requests':
      return reply(res, 200, target.requests);
    case 'DELETE /__sim/requests':
      target.clearRequests();
      return reply(res, 204);
    case 'GET /__sim/script':
      return reply(res, 200, target.pendingScripts());
    case 'POST /__sim/script':
      return queueScripts(incoming, res, target);
    case 'DELETE /__sim/script':
      target.clearScripts();
      return reply(res, 204);
    case 'POST /__sim/reset':
      target.reset();
      return reply(res, 204);
    case 'GET /__sim/health':
      return reply(res, 200, target.describe());
    default:
      return reply(res, 404, { error: `no control endpoint ${route}` });
  }
}

function queueScripts(incoming: Incoming, res: ServerResponse, target: ControlTarget): void {
  try {
    if (incoming.invalidJson) throw new ScriptError('body is not JSON');
    const scripts = parseScripts(incoming.body);
    target.script(...scripts);
    reply(res, 200, { queued: scripts.length });
  } catch (error) {
    if (!(error instanceof ScriptError)) throw error;
    reply(res, 400, { error: error.message });
  }
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  sendAnswer(res, jsonAnswer(status, JSON.stringify(body)));
}
