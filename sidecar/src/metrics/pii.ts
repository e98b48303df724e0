// PII detections by entity type and the action taken (redact, block, …), blocked requests
// included. Entity types are the CRD's closed list plus the routes' custom detector names:
// bounded by config.

import { Counter } from 'prom-client';

const detections = new Counter({
  name: 'switchyard_pii_detections_total',
  help: 'PII values found in requests, by entity type and action taken.',
  labelNames: ['entity', 'action'] as const,
});

export function recordPiiDetections(found: readonly { readonly type: string; readonly action: string; readonly count: number }[]): void {
  for (const detection of found) {
    if (detection.count > 0) detections.inc({ entity: detection.type, action: detection.action }, detection.count);
  }
}
