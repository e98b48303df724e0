// The operator's view of the cluster: informers on the three kinds and on sidecar pods, each
// restarted on error, feeding one callback with the namespace that changed (the work-queue key)
// and the revision tracker. Secrets are not watched; see docs/adr/0005 (least privilege).
import {
  CoreV1Api, CustomObjectsApi, makeInformer, type Informer, type KubeConfig, type KubernetesListObject,
  type KubernetesObject, type ObjectCache, type V1Pod,
} from '@kubernetes/client-node';
import { API_GROUP, API_VERSION, type SwitchyardResource } from '@switchyard/contract';
import { PLURALS, podInfoOf } from './client-port.js';
import type { PodInfo, StatusKind } from './port.js';
import { RestartingInformer, type InformerHealth } from './restart.js';
import { RevisionTracker } from './revision.js';

export const SIDECAR_LABEL = 'switchyard.dev/sidecar';
const KINDS: readonly StatusKind[] = ['ModelRoute', 'ProviderPool', 'BudgetPolicy'];
/** Kinds whose spec changes bump metadata.generation, so a same-generation update is status only. */
const SPEC_KINDS: ReadonlySet<string> = new Set<string>(KINDS);

/** What reconcile reads; the informer caches behind it, or a fixture in unit tests. */
export interface ClusterView {
  resources(namespace: string): SwitchyardResource[];
  pods(namespace: string): PodInfo[];
  pod(namespace: string, name: string): PodInfo | undefined;
  /** Namespaces holding any of the three kinds or a sidecar pod. */
  namespaces(): string[];
  readonly revision: RevisionTracker;
}

export interface ClusterWatchOptions {
  readonly onChange: (namespace: string) => void;
  readonly onError?: (informer: string, error: unknown) => void;
}

type Cached<T extends KubernetesObject> = Informer<T> & ObjectCache<T>;

export class ClusterWatch implements ClusterView {
  readonly revision = new RevisionTracker();
  private readonly kinds = new Map<StatusKind, Cached<KubernetesObject>>();
  private readonly podInformer: Cached<V1Pod>;
  private readonly restarting: RestartingInformer<KubernetesObject>[] = [];

  constructor(kc: KubeConfig, private readonly options: ClusterWatchOptions) {
    const custom = kc.makeApiClient(CustomObjectsApi);
    for (const kind of KINDS) {
      const plural = PLURALS[kind];
      const list = async (): Promise<KubernetesListObject<KubernetesObject>> =>
        this.observeList(await custom.listClusterCustomObject({ group: API_GROUP, version: API_VERSION, plural }) as KubernetesListObject<KubernetesObject>);
      const informer = makeInformer(kc, `/apis/${API_GROUP}/${API_VERSION}/${plural}`, list);
      this.kinds.set(kind, informer);
      this.track(kind, informer);
    }
    const core = kc.makeApiClient(CoreV1Api);
    const selector = `${SIDECAR_LABEL}=true`;
    this.podInformer = makeInformer(kc, '/api/v1/pods', async () => this.observeList(await core.listPodForAllNamespaces({ labelSelector: selector })), selector);
    this.track('Pod', this.podInformer);
  }

  async start(): Promise<void> {
    await Promise.all(this.restarting.map((informer) => informer.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.restarting.map((informer) => informer.stop()));
  }

  get health(): InformerHealth[] {
    return this.restarting.map((informer) => informer.status);
  }

  resources(namespace: string): SwitchyardResource[] {
    return KINDS.flatMap((kind) => (this.kinds.get(kind)?.list(namespace) ?? []) as unknown as SwitchyardResource[]);
  }

  pods(namespace: string): PodInfo[] {
    return this.podInformer.list(namespace).map(podInfoOf);
  }

  pod(namespace: string, name: string): PodInfo | undefined {
    const pod = this.podInformer.get(name, namespace);
    return pod === undefined ? undefined : podInfoOf(pod);
  }

  namespaces(): string[] {
    const all = [...this.kinds.values(), this.podInformer].flatMap((informer) => informer.list().map((object) => object.metadata?.namespace ?? ''));
    return [...new Set(all)].filter((namespace) => namespace !== '').sort();
  }

  private observeList<T extends KubernetesObject>(list: KubernetesListObject<T>): KubernetesListObject<T> {
    this.revision.observe(list.metadata?.resourceVersion);
    return list;
  }

  private track<T extends KubernetesObject>(name: string, informer: Cached<T>): void {
    const specOnly = SPEC_KINDS.has(name) ? new Map<string, number>() : undefined;
    const changed = (object: T): void => {
      this.revision.observe(object.metadata?.resourceVersion);
      const namespace = object.metadata?.namespace;
      if (namespace !== undefined) this.options.onChange(namespace);
    };
    // Our own status writes come back as updates with an unchanged generation; recompiling for
    // them cost about eight compiles per user change. Resync still covers anything missed.
    const updated = (object: T): void => {
      const { uid, generation } = object.metadata ?? {};
      if (specOnly !== undefined && uid !== undefined && generation !== undefined) {
        if (specOnly.get(uid) === generation) {
          this.revision.observe(object.metadata?.resourceVersion);
          return;
        }
        specOnly.set(uid, generation);
      }
      changed(object);
    };
    informer.on('add', (object) => {
      const { uid, generation } = object.metadata ?? {};
      if (specOnly !== undefined && uid !== undefined && generation !== undefined) specOnly.set(uid, generation);
      changed(object);
    });
    informer.on('update', updated);
    informer.on('delete', (object) => {
      const uid = object.metadata?.uid;
      if (specOnly !== undefined && uid !== undefined) specOnly.delete(uid);
      changed(object);
    });
    const restarting = new RestartingInformer(name, informer as unknown as Informer<KubernetesObject>, {
      onError: (informerName, error) => this.options.onError?.(informerName, error),
    });
    this.restarting.push(restarting);
  }
}
