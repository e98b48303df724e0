// Reconcile one namespace: gather (the informer view plus the Secrets the resources name) →
// compile (pure) → publish snapshots to the namespace's sidecars → status (leader only).
// Inputs changing marks the namespace dirty and it is compiled again; a sidecar acking or
// nacking only recomputes status from the last compile.
import { isDeepStrictEqual } from 'node:util';
import type { ModelRoute, SwitchyardResource } from '@switchyard/contract';
import type { SidecarHub, Snapshot } from '../channel/hub.js';
import { experimentResultsOf } from '../experiments/index.js';
import type { ClusterView } from '../kube/informers.js';
import type { KubePort, SecretData } from '../kube/port.js';
import type { Logger } from '../log.js';
import type { OperatorMetrics } from '../metrics.js';
import { poolHealthFields } from '../health/pool-status.js';
import { compileNamespace, type NamespaceCompile, type WorkloadConfig } from './compile-namespace.js';
import { ConfigHistory } from './config-history.js';
import type { RememberedRoute } from './route-memory.js';
import { routeStatusOf } from './route-status.js';
import type { MemoryStore } from './memory-store.js';
import { referencedSecretNames } from './secret-refs.js';
import { StatusWriter, type DesiredStatus } from './status-writer.js';
import { routeSyncOf, type NamespacePublication } from './sync.js';
import { groupWorkloads } from './workloads.js';

export interface ReconcilerDeps {
  readonly view: ClusterView;
  readonly port: KubePort;
  readonly hub: SidecarHub;
  readonly isLeader: () => boolean;
  readonly metrics: OperatorMetrics;
  readonly log: Logger;
  readonly now?: () => Date;
  /** Keeps route memory across restarts; none: memory lives only in this process. */
  readonly memoryStore?: MemoryStore;
}

interface NamespaceState {
  readonly compiled: NamespaceCompile;
  readonly publication: NamespacePublication;
  /** `kind/name` → the generation compile saw; status is never claimed for a newer one. */
  readonly generations: ReadonlyMap<string, number | undefined>;
}

const generationKey = (resource: SwitchyardResource): string => `${resource.kind}/${resource.metadata.name}`;

export class Reconciler {
  private readonly dirty = new Set<string>();
  private readonly states = new Map<string, NamespaceState>();
  private readonly memories = new Map<string, ReadonlyMap<string, RememberedRoute>>();
  readonly history = new ConfigHistory();
  private readonly writer: StatusWriter;

  constructor(private readonly deps: ReconcilerDeps) {
    this.writer = new StatusWriter(deps.port);
  }

  /** An input of the namespace changed: the next reconcile compiles again. */
  markDirty(namespace: string): void {
    this.dirty.add(namespace);
  }

  /** Namespaces with compiled state, for resync. */
  knownNamespaces(): string[] {
    return [...this.states.keys()];
  }

  async reconcile(namespace: string): Promise<void> {
    const started = performance.now();
    try {
      if (this.dirty.has(namespace) || !this.states.has(namespace)) {
        this.dirty.delete(namespace);
        await this.refresh(namespace).catch((error: unknown) => {
          this.dirty.add(namespace);
          throw error;
        });
      }
      if (this.deps.isLeader()) await this.writeStatuses(namespace);
      this.deps.metrics.reconciles.inc({ result: 'ok' });
    } catch (error) {
      this.deps.metrics.reconciles.inc({ result: 'error' });
      throw error;
    } finally {
      this.deps.metrics.reconcileDuration.observe((performance.now() - started) / 1000);
    }
  }

  private async readSecrets(namespace: string, resources: readonly SwitchyardResource[]): Promise<SecretData[]> {
    const names = referencedSecretNames(resources);
    const secrets = await Promise.all(names.map((name) => this.deps.port.readSecret(namespace, name)));
    const found = secrets.filter((secret): secret is SecretData => secret !== undefined);
    for (const secret of found) this.deps.view.revision.observe(secret.resourceVersion);
    return found;
  }

  private async refresh(namespace: string): Promise<void> {
    const { view, hub } = this.deps;
    const resources = view.resources(namespace);
    const pods = view.pods(namespace);
    if (resources.length === 0 && pods.length === 0) {
      this.states.delete(namespace);
      if (this.memories.has(namespace) && this.deps.isLeader()) await this.deps.memoryStore?.save(namespace, new Map());
      this.memories.delete(namespace);
      hub.publish(namespace, new Map(), new Map());
      return;
    }
    const secrets = await this.readSecrets(namespace, resources);
    const revision = view.revision.current;
    const workloads = groupWorkloads(namespace, pods);
    const compiled = compileNamespace({ namespace, resources, secrets, workloads, memory: await this.memoryOf(namespace) });
    this.memories.set(namespace, compiled.memory);
    if (this.deps.isLeader()) await this.deps.memoryStore?.save(namespace, compiled.memory);
    const previous = this.states.get(namespace)?.publication;
    const snapshots = new Map<string, Snapshot>();
    for (const entry of compiled.workloads) {
      const snapshot = this.snapshotOf(entry, previous, revision);
      if (snapshot !== undefined) snapshots.set(entry.workload.key, snapshot);
    }
    const placement = new Map(workloads.flatMap((workload) => workload.pods.map((pod): [string, string] => [pod, workload.key])));
    const publication: NamespacePublication = { namespace, snapshots, pods: placement };
    const generations = new Map(resources.map((resource) => [generationKey(resource), resource.metadata.generation]));
    this.states.set(namespace, { compiled, publication, generations });
    hub.publish(namespace, snapshots, placement);
  }

  private async memoryOf(namespace: string): Promise<ReadonlyMap<string, RememberedRoute>> {
    const known = this.memories.get(namespace);
    if (known !== undefined) return known;
    return (await this.deps.memoryStore?.load(namespace)) ?? new Map();
  }

  private snapshotOf(entry: WorkloadConfig, previous: NamespacePublication | undefined, revision: number): Snapshot | undefined {
    const key = entry.workload.key;
    const before = previous?.snapshots.get(key);
    if (entry.config === null) {
      this.deps.log.error('compile produced no config; the previous one stays', { workload: key, errors: entry.errors.join('; ') });
      return before;
    }
    this.history.record(entry.config);
    // A pod moved here from another workload may run a newer revision than this snapshot's.
    const joined = entry.workload.pods.some((pod) => previous?.pods.get(pod) !== undefined && previous.pods.get(pod) !== key);
    const same = before !== undefined && before.version === entry.config.version && isDeepStrictEqual(before.credentials, entry.credentials);
    if (same && !joined) return before;
    const floor = before === undefined ? 0 : before.revision + 1;
    return { revision: Math.max(revision, floor), version: entry.config.version, config: entry.config, credentials: entry.credentials, compiledAt: performance.now() };
  }

  private async writeStatuses(namespace: string): Promise<void> {
    const state = this.states.get(namespace);
    if (state === undefined) return;
    const now = (this.deps.now ?? (() => new Date()))();
    const sidecars = new Map(this.deps.hub.states(namespace).map((sidecar) => [sidecar.pod, sidecar]));
    const memory = this.memories.get(namespace) ?? new Map<string, RememberedRoute>();
    for (const resource of this.deps.view.resources(namespace)) {
      const verdict = state.compiled.verdict.resourceStatus.find((entry) => entry.kind === resource.kind && entry.name === resource.metadata.name);
      // An edit landed after this compile; the reconcile it queued writes that generation's status.
      if (verdict === undefined || state.generations.get(generationKey(resource)) !== resource.metadata.generation) continue;
      const desired = resource.kind === 'ModelRoute'
        ? this.routeStatus(resource, verdict.conditions, state, sidecars, memory)
        : resource.kind === 'ProviderPool'
          ? { conditions: verdict.conditions, fields: poolHealthFields(resource, [...sidecars.values()]) }
          : { conditions: verdict.conditions, fields: {} };
      try {
        if ((await this.writer.write(resource, desired, now)) === 'written') this.deps.metrics.statusWrites.inc();
      } catch (error) {
        if (isNotFound(error)) continue;
        throw error;
      }
    }
  }

  private routeStatus(
    route: ModelRoute,
    conditions: Parameters<typeof routeStatusOf>[0],
    state: NamespaceState,
    sidecars: Parameters<typeof routeSyncOf>[2],
    memory: ReadonlyMap<string, RememberedRoute>,
  ): DesiredStatus {
    const name = route.metadata.name;
    const carried = state.compiled.leftOut.has(name) && memory.has(name);
    const sync = routeSyncOf(name, state.publication, sidecars, this.history, carried);
    const withVersion = { ...sync, configVersion: sync.configVersion ?? memory.get(name)?.hash ?? null };
    const figures = [...sidecars.values()].flatMap((sidecar) => (sidecar.experiments === undefined ? [] : [sidecar.experiments]));
    const { conditions: desired, ...fields } = routeStatusOf(conditions, withVersion, experimentResultsOf(route, figures));
    return { conditions: desired, fields };
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 404;
}
