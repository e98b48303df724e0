// Request-log metrics: sampled request/response records written or dropped, by sink. No route
// label: the log says which route lost samples; the counter says that some were lost.

import { Counter } from 'prom-client';

const samples = new Counter({
  name: 'switchyard_request_samples_total',
  help: 'Sampled full request/response records by sink (stdout, file) and outcome (written, dropped).',
  labelNames: ['sink', 'outcome'] as const,
});

export function recordSample(sink: 'stdout' | 'file', outcome: 'written' | 'dropped'): void {
  samples.inc({ sink, outcome });
}
