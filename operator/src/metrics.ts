// The operator's metrics, on a registry of its own (several operators may share a process in
// tests, and the sidecar package uses the default registry).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class OperatorMetrics {
  readonly registry = new Registry();
  readonly reconciles = new Counter({
    name: 'switchyard_operator_reconciles_total', help: 'Namespace reconciles, by result.', labelNames: ['result'] as const, registers: [this.registry],
  });
  readonly reconcileDuration = new Histogram({
    name: 'switchyard_operator_reconcile_duration_seconds', help: 'Time to gather, compile, publish and write status for one namespace.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });
  readonly pushes = new Counter({ name: 'switchyard_operator_snapshot_pushes_total', help: 'Snapshot frames sent to sidecars.', registers: [this.registry] });
  readonly acks = new Counter({ name: 'switchyard_operator_acks_total', help: 'Snapshots sidecars acknowledged.', registers: [this.registry] });
  readonly nacks = new Counter({
    name: 'switchyard_operator_nacks_total', help: 'Snapshots sidecars refused, by reason.', labelNames: ['reason'] as const, registers: [this.registry],
  });
  readonly propagation = new Histogram({
    name: 'switchyard_operator_propagation_seconds', help: 'From compile to the sidecar\'s ack of the snapshot.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry],
  });
  readonly connections = new Gauge({ name: 'switchyard_operator_sidecar_connections', help: 'Open sidecar channel streams on this replica.', registers: [this.registry] });
  readonly leader = new Gauge({ name: 'switchyard_operator_leader', help: '1 while this replica holds the leader Lease.', registers: [this.registry] });
  readonly statusWrites = new Counter({ name: 'switchyard_operator_status_writes_total', help: 'Status subresource patches.', registers: [this.registry] });
}
