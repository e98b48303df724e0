// The sidecar's metrics live on prom-client's default registry; each concern has its own file
// here (requests.ts, tokens.ts, resilience.ts, pii.ts, budget.ts, …) and no metric name is
// invented anywhere else. This file holds the process and config metrics and the scrape.

import { collectDefaultMetrics, Counter, Gauge, register } from 'prom-client';

const configInfo = new Gauge({
  name: 'switchyard_config_info',
  help: 'The config the sidecar serves: 1 for its version and revision.',
  labelNames: ['version', 'revision'] as const,
});

const configRevision = new Gauge({
  name: 'switchyard_config_revision',
  help: 'Revision of the config the sidecar serves (the operator\'s monotonic revision; standalone: reload count).',
});

const configLoadedAt = new Gauge({
  name: 'switchyard_config_loaded_timestamp_seconds',
  help: 'Unix time the served config was loaded.',
});

let loadedAtMs: number | null = null;

new Gauge({
  name: 'switchyard_config_age_seconds',
  help: 'Seconds since the served config was loaded; absent while none is.',
  collect() {
    if (loadedAtMs === null) this.reset();
    else this.set((Date.now() - loadedAtMs) / 1000);
  },
});

const configRejections = new Counter({
  name: 'switchyard_config_rejections_total',
  help: 'Configs refused (schema, version or build errors); the previous config stays in use.',
});

let defaultsCollected = false;

/** Process metrics (CPU, memory, event loop lag); idempotent, since tests start many sidecars. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics();
}

export function recordConfigLoaded(version: string, revision: number): void {
  loadedAtMs = Date.now();
  configInfo.reset();
  configInfo.labels(version, String(revision)).set(1);
  configRevision.set(revision);
  configLoadedAt.set(loadedAtMs / 1000);
}

export function recordConfigRejected(): void {
  configRejections.inc();
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
