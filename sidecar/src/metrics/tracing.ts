// The span exporter's own health: spans sent to the collector and spans dropped (full queue,
// failed export), so a silent collector shows up on the dashboard instead of in lost traces.

import { Counter } from 'prom-client';

const exported = new Counter({ name: 'switchyard_trace_spans_exported_total', help: 'Spans the OTLP exporter delivered to the collector.' });

const dropped = new Counter({
  name: 'switchyard_trace_spans_dropped_total',
  help: 'Spans the OTLP exporter dropped, by reason (queue_full, export_failed).',
  labelNames: ['reason'] as const,
});

export function recordSpansExported(count: number): void {
  exported.inc(count);
}

export function recordSpansDropped(reason: string, count: number): void {
  dropped.inc({ reason }, count);
}
