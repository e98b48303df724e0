// Every metric the sidecar exports, on prom-client's default registry. Stages call the record
// functions below; no metric name is invented anywhere else.

import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/** Seconds. LLM calls run from milliseconds (cache hits, errors) to minutes (long generations). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 180, 300];

const requestsTotal = new Counter({
  name: 'switchyard_requests_total',
  help: 'Data-plane requests answered, by route, provider and HTTP status code.',
  labelNames: ['route', 'provider', 'code'] as const,
});

const requestDuration = new Histogram({
  name: 'switchyard_request_duration_seconds',
  help: 'Time from request arrival to the last byte of the response, by route and provider.',
  labelNames: ['route', 'provider'] as const,
  buckets: DURATION_BUCKETS,
});

const configInfo = new Gauge({
  name: 'switchyard_config_info',
  help: 'The config the sidecar serves: 1 for its version and revision.',
  labelNames: ['version', 'revision'] as const,
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

export interface RequestRecord {
  readonly route: string;
  readonly provider: string;
  readonly status: number;
  readonly seconds: number;
}

export function recordRequest(record: RequestRecord): void {
  requestsTotal.labels(record.route, record.provider, String(record.status)).inc();
  requestDuration.labels(record.route, record.provider).observe(record.seconds);
}

export function recordConfigLoaded(version: string, revision: number): void {
  configInfo.reset();
  configInfo.labels(version, String(revision)).set(1);
}

export function recordConfigRejected(): void {
  configRejections.inc();
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
