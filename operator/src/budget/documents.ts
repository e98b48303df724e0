// Small JSON documents in ConfigMaps of the operator's namespace, updated with optimistic
// concurrency: every write names the resourceVersion it read, a conflict (another replica wrote
// meanwhile) re-reads and applies the change again. Budget ledgers and usage shards live here,
// so any replica can apply a sidecar's usage and the result survives a restart.
import { ApiException, CoreV1Api, PatchStrategy, setHeaderOptions, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';

export interface StoredDocument {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, string>>;
  /** Null for a document that does not exist yet. */
  readonly resourceVersion: string | null;
}

export interface DocumentStore {
  read(name: string): Promise<StoredDocument | undefined>;
  /** Creates (resourceVersion null) or replaces at that version; 'conflict' when someone was first. */
  write(document: StoredDocument): Promise<'ok' | 'conflict'>;
  list(labelSelector: string): Promise<StoredDocument[]>;
}

const isCode = (error: unknown, code: number): boolean => error instanceof ApiException && error.code === code;

function documentOf(configMap: V1ConfigMap): StoredDocument {
  const meta = configMap.metadata ?? {};
  return {
    name: meta.name ?? '', labels: meta.labels ?? {}, annotations: meta.annotations ?? {}, data: configMap.data ?? {},
    resourceVersion: meta.resourceVersion ?? null,
  };
}

export class ConfigMapDocuments implements DocumentStore {
  private readonly core: CoreV1Api;

  constructor(kubeConfig: KubeConfig, private readonly namespace: string) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  async read(name: string): Promise<StoredDocument | undefined> {
    try {
      return documentOf(await this.core.readNamespacedConfigMap({ namespace: this.namespace, name }));
    } catch (error) {
      if (isCode(error, 404)) return undefined;
      throw error;
    }
  }

  async write(document: StoredDocument): Promise<'ok' | 'conflict'> {
    const body: V1ConfigMap = {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: {
        name: document.name, namespace: this.namespace, labels: { ...document.labels }, annotations: { ...document.annotations },
        ...(document.resourceVersion === null ? {} : { resourceVersion: document.resourceVersion }),
      },
      data: { ...document.data },
    };
    try {
      if (document.resourceVersion === null) await this.core.createNamespacedConfigMap({ namespace: this.namespace, body });
      // A merge patch naming resourceVersion is refused (409) unless the object is still at it:
      // optimistic concurrency with the "patch" verb the operator already holds.
      else await this.core.patchNamespacedConfigMap({ namespace: this.namespace, name: document.name, body }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
      return 'ok';
    } catch (error) {
      if (isCode(error, 409) || (document.resourceVersion !== null && isCode(error, 404))) return 'conflict';
      throw error;
    }
  }

  async list(labelSelector: string): Promise<StoredDocument[]> {
    const list = await this.core.listNamespacedConfigMap({ namespace: this.namespace, labelSelector });
    return list.items.map(documentOf);
  }
}

const MAX_ATTEMPTS = 50;

/**
 * Read, change, write at the read version; again on conflict. `change` returns the new data, or
 * null to leave the document as it is; it must be a pure function of what it is given.
 */
export async function updateDocument<R>(
  store: DocumentStore, name: string,
  change: (current: StoredDocument | undefined) => { document: StoredDocument; result: R } | { document: null; result: R },
): Promise<R> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await store.read(name);
    const { document, result } = change(current);
    if (document === null) return result;
    if ((await store.write({ ...document, resourceVersion: current?.resourceVersion ?? null })) === 'ok') return result;
  }
  throw new Error(`ConfigMap ${name}: still conflicting after ${MAX_ATTEMPTS} attempts`);
}
