// Per-request metrics, recorded by a finish listener from the exchange's report: counts by
// status and outcome class, latency histograms (p50/p95/p99 come from histogram_quantile) and
// tokens. Labels come from the compiled config only (route, provider, the route's model name,
// a declared use case), so their sets stay bounded whatever clients send.

import { Counter, Histogram } from 'prom-client';
import type { FinishListener, FinishedExchange } from '../http/finish.js';
import { DURATION_BUCKETS, OVERHEAD_BUCKETS } from './buckets.js';
import { cachedCounter } from './children.js';
import { errorClassOf } from './error-class.js';
import { recordUsage } from './tokens.js';

const BY_REQUEST = ['route', 'provider', 'model', 'use_case'] as const;

const requestsTotal = new Counter({
  name: 'switchyard_requests_total',
  help: 'Data-plane requests answered, by route, provider, model, use case and HTTP status code (499: the client left first).',
  labelNames: [...BY_REQUEST, 'code'] as const,
});

const requestsOf = cachedCounter(requestsTotal);

const errorsTotal = new Counter({
  name: 'switchyard_request_errors_total',
  help: 'Requests that ended in an error, by route, provider, HTTP status code, outcome class (rate_limited, overloaded, quota, auth, request_error, timeout, stream_cut, …) and gateway error code.',
  labelNames: ['route', 'provider', 'code', 'class', 'error_code'] as const,
});

const errorsOf = cachedCounter(errorsTotal);

const requestDuration = new Histogram({
  name: 'switchyard_request_duration_seconds',
  help: 'Arrival to the last byte of the response, by route, provider, model and use case.',
  labelNames: BY_REQUEST,
  buckets: DURATION_BUCKETS,
});

const timeToFirstToken = new Histogram({
  name: 'switchyard_time_to_first_token_seconds',
  help: 'Streams: arrival to the first chunk written to the client, by route, provider, model and use case.',
  labelNames: BY_REQUEST,
  buckets: DURATION_BUCKETS,
});

const upstreamDuration = new Histogram({
  name: 'switchyard_upstream_duration_seconds',
  help: 'The serving attempt upstream, first request byte to last response byte, by route, provider, model and use case.',
  labelNames: BY_REQUEST,
  buckets: DURATION_BUCKETS,
});

const gatewayOverhead = new Histogram({
  name: 'switchyard_gateway_overhead_seconds',
  help: 'Request duration minus time upstream, for requests served at the first attempt (retry waits are not overhead).',
  labelNames: BY_REQUEST,
  buckets: OVERHEAD_BUCKETS,
});

/** The finish listener start.ts installs unless metrics are off. */
export const recordExchangeMetrics: FinishListener = (finished) => {
  const { report } = finished.ex;
  const labels = {
    route: report.route, provider: report.provider, model: report.served?.model ?? '', use_case: report.useCase,
  };
  requestsOf([labels.route, labels.provider, labels.model, labels.use_case, String(finished.status)]).inc();
  requestDuration.observe(labels, finished.seconds);
  recordError(finished);
  recordLatencies(finished, labels);
  if (report.usage !== null && report.served !== null) recordUsage(report.operation, labels, report.usage);
};

function recordError({ ex, status }: FinishedExchange): void {
  const { report } = ex;
  const errorClass = errorClassOf({ status, errorCode: report.errorCode, streaming: report.streaming });
  if (errorClass === null) return;
  errorsOf([report.route, report.provider, String(status), errorClass, report.errorCode ?? '']).inc();
}

function recordLatencies({ ex, seconds }: FinishedExchange, labels: Readonly<Record<(typeof BY_REQUEST)[number], string>>): void {
  const { report } = ex;
  if (report.firstChunkMs !== null) timeToFirstToken.observe(labels, report.firstChunkMs / 1000);
  if (report.upstreamMs === null) return;
  upstreamDuration.observe(labels, report.upstreamMs / 1000);
  if (report.attempts === 1 && report.errorCode === null) gatewayOverhead.observe(labels, Math.max(0, seconds - report.upstreamMs / 1000));
}
