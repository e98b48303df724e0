// The composition root: informers feed the work queue, the queue drives reconcile, reconcile
// publishes to the hub, the channel server connects sidecars to the hub, and the leader
// elector decides who writes status. runOperator (commands/operator.ts) and the tests call this.
import { hostname } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import { startBudgets, type Budgets } from './budget/index.js';
import { SidecarHub } from './channel/hub.js';
import { remoteStates, ReportPublisher } from './channel/replica-report.js';
import { startChannelServer, type ChannelServer } from './channel/server.js';
import { ClientPort } from './kube/client-port.js';
import { ClusterWatch } from './kube/informers.js';
import { LeaderElector } from './kube/lease.js';
import type { KubePort } from './kube/port.js';
import { WorkQueue } from './kube/queue.js';
import { ReportWatch } from './kube/report-watch.js';
import { StatusThrottle } from './experiments/index.js';
import { describeError, type Logger } from './log.js';
import { registerHubMetrics } from './hub-metrics.js';
import { OperatorMetrics } from './metrics.js';
import { ConfigMapMemoryStore } from './reconcile/memory-store.js';
import { Reconciler } from './reconcile/reconciler.js';

export interface LeaderElectionOptions {
  readonly namespace: string;
  readonly name?: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
}

export interface OperatorOptions {
  readonly kubeConfig: KubeConfig;
  readonly identity?: string;
  readonly channel: { readonly host?: string; readonly port: number; readonly cert: Buffer | string; readonly key: Buffer | string; readonly clientCa?: Buffer | string; readonly pingMs?: number; readonly audience?: string };
  /** Null: this replica always leads (single replica, tests). */
  readonly leaderElection: LeaderElectionOptions | null;
  /**
   * Namespace for the operator's own ConfigMaps (route memory); default the Lease's namespace.
   * With neither, route memory lives only in this process.
   */
  readonly stateNamespace?: string;
  readonly resyncMs?: number;
  /** Reconcile only these namespaces (a scoped install, or one test's namespaces); default all. */
  readonly namespaces?: readonly string[];
  /** Delay that coalesces a burst of acks into one status write. */
  readonly statusDelayMs?: number;
  /** Longest wait from a sidecar's experiment report to the route status that includes it; default 10 s. */
  readonly experimentStatusDelayMs?: number;
  readonly log: Logger;
  /** For tests that count or fail API calls; the client-node port otherwise. */
  readonly port?: KubePort;
}

export interface RunningOperator {
  readonly identity: string;
  readonly channelPort: number;
  readonly metrics: OperatorMetrics;
  readonly hub: SidecarHub;
  /** Usage records and budget ledgers (for the export and tests). */
  readonly budgets: Budgets;
  isLeader(): boolean;
  /** Every informer has listed and is watching (a restarting one makes this false). */
  isReady(): boolean;
  /** Informers not (yet, or no longer) watching, with their last error. */
  notReady(): string[];
  /** Swaps the channel's serving certificate (rotation) without dropping connected sidecars. */
  updateChannelTls(cert: Buffer | string, key: Buffer | string): void;
  stop(): Promise<void>;
}

export async function startOperator(options: OperatorOptions): Promise<RunningOperator> {
  const identity = options.identity ?? `${hostname()}-${process.pid}`;
  const scope = options.namespaces === undefined ? undefined : new Set(options.namespaces);
  const inScope = (namespace: string): boolean => scope === undefined || scope.has(namespace);
  const { log } = options;
  const metrics = new OperatorMetrics();
  const port = options.port ?? new ClientPort(options.kubeConfig);
  let elector: LeaderElector | undefined;
  let reportWatch: ReportWatch | undefined;
  const isLeader = (): boolean => elector === undefined || elector.isLeader;
  let reconciler: Reconciler | undefined;
  const queue = new WorkQueue((namespace) => reconciler!.reconcile(namespace), {
    onError: (namespace, error) => log.warn('reconcile failed; requeued', { namespace, error: describeError(error) }),
  });
  const statusDelayMs = options.statusDelayMs ?? 50;
  let publisher: ReportPublisher | undefined;
  // Until every informer has listed, a namespace looks empty to one that has not: reconciling
  // then would publish configs without routes and forget route memory.
  let synced = false;
  // The leader's status and, on other replicas, the report the leader reads both follow experiment
  // figures on this slower schedule.
  const experimentStatus = new StatusThrottle(options.experimentStatusDelayMs ?? 10_000, (namespace) => {
    publisher?.changed();
    queue.add(namespace);
  });
  let budgets: Budgets | undefined;
  const hub = new SidecarHub({
    onBudgetFrame: (connection, frame) => budgets?.service.receive(connection, frame) ?? false,
    onSidecarChange: (namespace) => {
      publisher?.changed();
      if (synced && inScope(namespace)) queue.add(namespace, statusDelayMs);
    },
    onUnknownPod: (namespace) => {
      if (!synced || !inScope(namespace)) return;
      reconciler?.markDirty(namespace);
      queue.add(namespace);
    },
    onPush: () => metrics.pushes.inc(),
    onAck: (seconds) => {
      metrics.acks.inc();
      if (seconds !== null) metrics.propagation.observe(seconds);
    },
    onNack: (reason) => metrics.nacks.inc({ reason }),
    onExperiments: (namespace) => {
      if (synced && inScope(namespace)) experimentStatus.add(namespace);
    },
    onHealth: () => hubMetrics.healthReports.inc(),
  });
  const hubMetrics = registerHubMetrics(metrics.registry, hub);
  const watch = new ClusterWatch(options.kubeConfig, {
    onChange: (namespace) => {
      if (!inScope(namespace)) return;
      reconciler?.markDirty(namespace);
      if (synced) queue.add(namespace);
    },
    onError: (informer, error) => log.warn('informer failed; restarting', { informer, error: describeError(error) }),
  });
  const stateNamespace = options.stateNamespace ?? options.leaderElection?.namespace;
  const memoryStore = stateNamespace === undefined ? undefined : new ConfigMapMemoryStore(port, stateNamespace);
  reconciler = new Reconciler({ view: watch, port, hub, isLeader, metrics, log, ...(memoryStore === undefined ? {} : { memoryStore }) });
  const ledger = startBudgets({
    kubeConfig: options.kubeConfig, stateNamespace, hub, port, view: watch, isLeader, registry: metrics.registry, log,
    namespaces: () => [...watch.namespaces()].filter(inScope),
  });
  budgets = ledger;
  const everyNamespace = (): void => {
    for (const namespace of new Set([...watch.namespaces(), ...reconciler!.knownNamespaces()].filter(inScope))) {
      reconciler!.markDirty(namespace);
      queue.add(namespace);
    }
  };
  if (options.leaderElection !== null) {
    const election = options.leaderElection;
    elector = new LeaderElector(port, {
      namespace: election.namespace,
      name: election.name ?? 'switchyard-operator',
      identity,
      ...(election.leaseDurationMs === undefined ? {} : { leaseDurationMs: election.leaseDurationMs }),
      ...(election.renewDeadlineMs === undefined ? {} : { renewDeadlineMs: election.renewDeadlineMs }),
      ...(election.retryPeriodMs === undefined ? {} : { retryPeriodMs: election.retryPeriodMs }),
      onStartedLeading: () => {
        metrics.leader.set(1);
        log.info('started leading', { identity });
        everyNamespace();
      },
      onStoppedLeading: () => {
        metrics.leader.set(0);
        log.info('stopped leading', { identity });
      },
      onError: (error) => log.warn('leader election', { error: describeError(error) }),
    });
    elector.start();
    // Replicas share who is connected where, so the leader counts every sidecar.
    publisher = new ReportPublisher(port, hub, {
      namespace: election.namespace, identity, onError: (error) => log.warn('sidecar report', { error: describeError(error) }),
    });
    const staleMs = 90_000;
    const reports: ReportWatch = new ReportWatch(options.kubeConfig, election.namespace, () => {
      for (const namespace of hub.setRemote(remoteStates(reports.reports(), identity, Date.now(), staleMs))) {
        if (synced && inScope(namespace)) queue.add(namespace, statusDelayMs);
      }
    }, (error) => log.warn('report informer failed; restarting', { error: describeError(error) }));
    reportWatch = reports;
  } else {
    metrics.leader.set(1);
  }
  await Promise.all([watch.start(), reportWatch?.start()]);
  synced = true;
  everyNamespace();
  const resync = setInterval(everyNamespace, options.resyncMs ?? 30_000);
  resync.unref();
  const server: ChannelServer = await startChannelServer({
    host: options.channel.host ?? '127.0.0.1',
    port: options.channel.port,
    cert: options.channel.cert,
    key: options.channel.key,
    ...(options.channel.clientCa === undefined ? {} : { clientCa: options.channel.clientCa }),
    ...(options.channel.pingMs === undefined ? {} : { pingMs: options.channel.pingMs }),
    ...(options.channel.audience === undefined ? {} : { audience: options.channel.audience }),
    hub,
    view: watch,
    kube: port,
    log,
  });
  const connections = setInterval(() => metrics.connections.set(hub.connectionCount), 1000);
  connections.unref();
  log.info('operator started', { identity, channelPort: server.port });
  return {
    identity,
    channelPort: server.port,
    metrics,
    hub,
    budgets: ledger,
    isLeader,
    isReady: () => watch.health.every((informer) => informer.synced && informer.lastError === null),
    notReady: () => watch.health.filter((informer) => !informer.synced || informer.lastError !== null)
      .map((informer) => `${informer.name}: ${informer.lastError ?? 'not synced'}`),
    updateChannelTls: (cert, key) => server.updateTls(cert, key),
    async stop(): Promise<void> {
      clearInterval(resync);
      clearInterval(connections);
      experimentStatus.stop();
      queue.stop();
      hub.closeAll();
      await server.close();
      await publisher?.stop();
      await elector?.stop();
      await Promise.all([watch.stop(), reportWatch?.stop(), ledger.stop()]);
    },
  };
}
