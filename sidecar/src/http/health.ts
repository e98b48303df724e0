// Probes and metrics: /healthz (the process answers), /readyz (a config is loaded, and which),
// /metrics (Prometheus text).

import { renderMetrics } from '../metrics/registry.js';
import type { Exchange } from './exchange.js';
import { sendJson } from './respond.js';

export async function handleHealthz(ex: Exchange): Promise<void> {
  sendJson(ex, 200, '{"status":"ok"}');
}

export async function handleReadyz(ex: Exchange): Promise<void> {
  const runtime = ex.runtime;
  if (runtime === null) {
    sendJson(ex, 503, JSON.stringify({ status: 'not ready', reason: 'no config loaded yet' }));
    return;
  }
  sendJson(ex, 200, JSON.stringify({ status: 'ready', version: runtime.version, revision: runtime.revision }));
}

export async function handleMetrics(ex: Exchange): Promise<void> {
  const { contentType, body } = await renderMetrics();
  ex.res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'x-request-id': ex.requestId });
  ex.res.end(body);
}
