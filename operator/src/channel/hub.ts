// Where reconcile and the channel meet: the snapshot each workload should run, the open
// connections, and what each sidecar last reported (running version, last nack). Reconcile
// publishes; connections receive; acks and nacks flow back out as sidecar state for status
// and proxy-status.
import type { EndpointHealthReport, SidecarConfig, VariantStats } from '@switchyard/contract';
import type { OperatorFrame, SidecarFrame, SnapshotFrame } from './frames.js';

export interface Snapshot {
  readonly revision: number;
  readonly version: string;
  readonly config: SidecarConfig;
  readonly credentials: Readonly<Record<string, string>>;
  /** performance.now() when compiled, for the propagation histogram. */
  readonly compiledAt: number;
}

export interface Connection {
  readonly id: number;
  readonly namespace: string;
  readonly pod: string;
  readonly connectedAt: Date;
  send(frame: OperatorFrame): void;
  close(): void;
}

export interface Rejection {
  readonly revision: number;
  readonly version: string;
  readonly reason: string;
  readonly message: string;
}

export interface SidecarState {
  readonly namespace: string;
  readonly pod: string;
  readonly connected: boolean;
  readonly connectedAt: Date | null;
  /** What the sidecar runs, from its hello or its last ack. */
  readonly version: string | null;
  readonly revision: number | null;
  readonly lastNack: Rejection | null;
  /** The endpoints' health from the sidecar's last `health` frame; absent until one arrives. */
  readonly health?: readonly EndpointHealthReport[];
  /** Cumulative experiment figures from the sidecar's last `experiments` frame; absent until one arrives. */
  readonly experiments?: readonly VariantStats[];
}

export interface HubEvents {
  /** A sidecar acked, nacked, connected or left: the namespace's status may change. */
  readonly onSidecarChange: (namespace: string) => void;
  /** A sidecar connected for a pod reconcile has not placed yet. */
  readonly onUnknownPod: (namespace: string) => void;
  readonly onPush?: () => void;
  readonly onAck?: (propagationSeconds: number | null) => void;
  readonly onNack?: (reason: string) => void;
  /** A sidecar reported its endpoints' health (operator/src/health/). */
  readonly onHealth?: (endpoints: readonly EndpointHealthReport[]) => void;
  /** A sidecar reported new experiment figures: the namespace's route status may change (operator/src/experiments/). */
  readonly onExperiments?: (namespace: string) => void;
  /** Usage and allowance asks (operator/src/budget/); true when taken. Without it usage is only acknowledged. */
  readonly onBudgetFrame?: (connection: Connection, frame: SidecarFrame) => boolean;
}

const podKey = (namespace: string, pod: string): string => `${namespace}/${pod}`;

export class SidecarHub {
  private readonly snapshots = new Map<string, Snapshot>();
  /** podKey → workload key, as reconcile last placed the pod. */
  private readonly placement = new Map<string, string>();
  private readonly connections = new Map<string, Set<Connection>>();
  private readonly sent = new Map<Connection, { snapshot: Snapshot; since: number }>();
  /** performance.now() at attach, so a late joiner's wait for its connection is not counted as propagation. */
  private readonly attachedAt = new Map<Connection, number>();
  private readonly sidecars = new Map<string, SidecarState>();
  /** Sidecars connected to other replicas, from their reports (replica-report.ts). */
  private remote = new Map<string, SidecarState>();

  constructor(private readonly events: HubEvents) {}

  /** Replaces the namespace's snapshots and placement, then brings every connection up to date. */
  publish(namespace: string, snapshots: ReadonlyMap<string, Snapshot>, pods: ReadonlyMap<string, string>): void {
    const prefix = `${namespace}/`;
    for (const key of [...this.snapshots.keys()]) if (key.startsWith(prefix)) this.snapshots.delete(key);
    for (const [key, snapshot] of snapshots) this.snapshots.set(key, snapshot);
    for (const key of [...this.placement.keys()]) if (key.startsWith(prefix)) this.placement.delete(key);
    for (const [pod, workload] of pods) this.placement.set(podKey(namespace, pod), workload);
    for (const key of [...this.sidecars.keys()]) {
      if (key.startsWith(prefix) && !this.placement.has(key) && !this.connections.has(key)) this.sidecars.delete(key);
    }
    for (const [key, set] of this.connections) {
      if (key.startsWith(prefix)) for (const connection of set) this.bringUpToDate(connection);
    }
  }

  snapshotFor(namespace: string, pod: string): Snapshot | undefined {
    const workload = this.placement.get(podKey(namespace, pod));
    return workload === undefined ? undefined : this.snapshots.get(workload);
  }

  workloadOf(namespace: string, pod: string): string | undefined {
    return this.placement.get(podKey(namespace, pod));
  }

  attach(connection: Connection): void {
    const key = podKey(connection.namespace, connection.pod);
    const set = this.connections.get(key) ?? new Set();
    set.add(connection);
    this.attachedAt.set(connection, performance.now());
    this.connections.set(key, set);
    const previous = this.sidecars.get(key);
    this.sidecars.set(key, {
      namespace: connection.namespace, pod: connection.pod, connected: true, connectedAt: connection.connectedAt,
      version: previous?.version ?? null, revision: previous?.revision ?? null, lastNack: previous?.lastNack ?? null,
      ...(previous?.health === undefined ? {} : { health: previous.health }),
      ...(previous?.experiments === undefined ? {} : { experiments: previous.experiments }),
    });
    if (this.snapshotFor(connection.namespace, connection.pod) === undefined) this.events.onUnknownPod(connection.namespace);
    else this.bringUpToDate(connection);
    this.events.onSidecarChange(connection.namespace);
  }

  detach(connection: Connection): void {
    const key = podKey(connection.namespace, connection.pod);
    const set = this.connections.get(key);
    set?.delete(connection);
    this.sent.delete(connection);
    this.attachedAt.delete(connection);
    if (set !== undefined && set.size === 0) {
      this.connections.delete(key);
      const state = this.sidecars.get(key);
      if (state !== undefined) this.sidecars.set(key, { ...state, connected: false });
    }
    this.events.onSidecarChange(connection.namespace);
  }

  receive(connection: Connection, frame: SidecarFrame): void {
    const key = podKey(connection.namespace, connection.pod);
    const state = this.sidecars.get(key);
    if (state === undefined) return;
    switch (frame.type) {
      case 'hello':
        this.sidecars.set(key, { ...state, version: frame.version, revision: frame.revision });
        break;
      case 'ack': {
        const sent = this.sent.get(connection);
        const matches = sent !== undefined && sent.snapshot.revision === frame.revision && sent.snapshot.version === frame.version;
        this.events.onAck?.(matches ? (performance.now() - sent.since) / 1000 : null);
        const nack = state.lastNack !== null && state.lastNack.revision <= frame.revision ? null : state.lastNack;
        this.sidecars.set(key, { ...state, version: frame.version, revision: frame.revision, lastNack: nack });
        break;
      }
      case 'nack':
        this.events.onNack?.(frame.reason);
        this.sidecars.set(key, { ...state, lastNack: { revision: frame.revision, version: frame.version, reason: frame.reason, message: frame.message } });
        break;
      case 'usage':
        if (this.events.onBudgetFrame?.(connection, frame) === true) return;
        // No budget service (unit tests of the hub): acknowledging keeps the sidecar from resending forever.
        connection.send({ type: 'usage-ack', seq: frame.seq, ...(frame.source === undefined ? {} : { source: frame.source }) });
        return;
      case 'allowance-ask':
        if (this.events.onBudgetFrame?.(connection, frame) !== true) {
          connection.send({ type: 'allowance', budget: frame.budget, window: frame.window, granted: 0, remaining: 0, action: 'none' });
        }
        return;
      case 'health':
        this.events.onHealth?.(frame.endpoints);
        if (JSON.stringify(state.health) === JSON.stringify(frame.endpoints)) return;
        this.sidecars.set(key, { ...state, health: frame.endpoints });
        break;
      case 'experiments':
        // Figures change with every request: status follows on its own slower schedule.
        this.sidecars.set(key, { ...state, experiments: frame.stats });
        this.events.onExperiments?.(connection.namespace);
        return;
    }
    this.events.onSidecarChange(connection.namespace);
  }

  /**
   * Every sidecar known here or reported by other replicas, in a namespace or all. A live
   * connection wins: this replica's, else the newest reported one, else what was last seen here.
   */
  states(namespace?: string): SidecarState[] {
    const merged = new Map(this.remote);
    for (const [key, state] of this.sidecars) if (state.connected || !merged.has(key)) merged.set(key, state);
    const all = [...merged.values()];
    return namespace === undefined ? all : all.filter((state) => state.namespace === namespace);
  }

  /** Sidecars connected to this replica, for its report to the others. */
  connectedStates(): SidecarState[] {
    return [...this.sidecars.values()].filter((state) => state.connected);
  }

  /** Replaces what other replicas reported; returns the namespaces whose view changed. */
  setRemote(states: readonly SidecarState[]): Set<string> {
    const next = new Map<string, SidecarState>();
    for (const state of states) {
      const key = podKey(state.namespace, state.pod);
      const known = next.get(key);
      if (known === undefined || (state.connectedAt?.getTime() ?? 0) > (known.connectedAt?.getTime() ?? 0)) next.set(key, state);
    }
    const changed = new Set<string>();
    for (const [key, state] of next) if (JSON.stringify(this.remote.get(key)) !== JSON.stringify(state)) changed.add(state.namespace);
    for (const [key, state] of this.remote) if (!next.has(key)) changed.add(state.namespace);
    this.remote = next;
    return changed;
  }

  /** Sends a frame to every sidecar of a namespace connected to this replica (budget news). */
  broadcast(namespace: string, frame: OperatorFrame): void {
    const prefix = `${namespace}/`;
    for (const [key, set] of this.connections) if (key.startsWith(prefix)) for (const connection of set) connection.send(frame);
  }

  get connectionCount(): number {
    let count = 0;
    for (const set of this.connections.values()) count += set.size;
    return count;
  }

  closeAll(): void {
    for (const set of this.connections.values()) for (const connection of set) connection.close();
  }

  private bringUpToDate(connection: Connection): void {
    const snapshot = this.snapshotFor(connection.namespace, connection.pod);
    if (snapshot === undefined || this.sent.get(connection)?.snapshot === snapshot) return;
    this.sent.set(connection, { snapshot, since: Math.max(snapshot.compiledAt, this.attachedAt.get(connection) ?? 0) });
    const frame: SnapshotFrame = {
      type: 'snapshot', revision: snapshot.revision, version: snapshot.version, config: snapshot.config, credentials: snapshot.credentials,
    };
    connection.send(frame);
    this.events.onPush?.();
  }
}
