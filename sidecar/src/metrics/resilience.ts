// Resilience metrics: the ResilienceEvents hooks on prom-client. Every label comes from the one
// classification (resilience/outcome.ts), so attempts, retries, failovers and ejections agree.

import { Counter, Gauge } from 'prom-client';
import type { ResilienceEvents } from '../resilience/index.js';

const attempts = new Counter({
  name: 'switchyard_upstream_attempts_total',
  help: 'Upstream attempts by route, endpoint and outcome class (ok, transient, timeout, rate_limited, quota, auth, …).',
  labelNames: ['route', 'endpoint', 'outcome'] as const,
});

const retries = new Counter({
  name: 'switchyard_retries_total',
  help: 'Retries on the same endpoint after a backoff, by route, endpoint and outcome class.',
  labelNames: ['route', 'endpoint', 'outcome'] as const,
});

const failovers = new Counter({
  name: 'switchyard_failovers_total',
  help: 'Moves to another endpoint before the first byte reached the client, by route, endpoint left and reason.',
  labelNames: ['route', 'from', 'reason'] as const,
});

const gaveUp = new Counter({
  name: 'switchyard_requests_given_up_total',
  help: 'Requests answered with an error after retries and failovers stopped, by route and why they stopped.',
  labelNames: ['route', 'why'] as const,
});

const ejections = new Counter({
  name: 'switchyard_endpoint_ejections_total',
  help: 'Endpoints taken out of rotation by passive health, by endpoint and reason (failures, rate_limited, quota, auth).',
  labelNames: ['endpoint', 'reason'] as const,
});

const ejected = new Gauge({
  name: 'switchyard_endpoint_ejected',
  help: '1 while passive health keeps the endpoint out of rotation (until a probe succeeds), else 0.',
  labelNames: ['endpoint'] as const,
});

const canaryReady = new Gauge({
  name: 'switchyard_canary_ready',
  help: '1 when the endpoint passed its last canary probe (ready for failover), else 0.',
  labelNames: ['endpoint'] as const,
});

const canaryLatency = new Gauge({
  name: 'switchyard_canary_latency_seconds',
  help: 'Time the last answered canary probe took, by endpoint.',
  labelNames: ['endpoint'] as const,
});

const canaryProbes = new Counter({
  name: 'switchyard_canary_probes_total',
  help: 'Canary probes by endpoint and result (passed, wrong_answer, failed, timeout).',
  labelNames: ['endpoint', 'result'] as const,
});

export const resilienceMetrics: ResilienceEvents = {
  attempt: (event) => attempts.labels(event.route, event.endpointId, event.kind).inc(),
  retry: (event) => retries.labels(event.route, event.endpointId, event.kind).inc(),
  failover: (event) => failovers.labels(event.route, event.from, event.reason).inc(),
  gaveUp: (event) => gaveUp.labels(event.route, event.why).inc(),
  health: (endpointId, change) => {
    if (change.kind === 'ejected') ejections.labels(endpointId, change.reason).inc();
    ejected.labels(endpointId).set(change.kind === 'ejected' ? 1 : 0);
  },
  canary: (verdict) => {
    canaryProbes.labels(verdict.endpointId, verdict.result).inc();
    canaryReady.labels(verdict.endpointId).set(verdict.ready ? 1 : 0);
    if (verdict.latencyMs !== null) canaryLatency.labels(verdict.endpointId).set(verdict.latencyMs / 1000);
  },
};
