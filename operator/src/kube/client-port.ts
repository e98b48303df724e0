// KubePort over @kubernetes/client-node 2.x (object-parameter typed APIs).
import {
  ApiException, AuthenticationV1Api, AuthorizationV1Api, CoordinationV1Api, CoreV1Api, CustomObjectsApi,
  PatchStrategy, setHeaderOptions, V1MicroTime, type KubeConfig, type V1Lease, type V1Pod,
} from '@kubernetes/client-node';
import { API_GROUP, API_VERSION } from '@switchyard/contract';
import type {
  AccessQuestion, EventRecord, KubePort, LeaseRecord, LeaseWrite, ObjectRef, PodInfo, ReplicaReport, SecretData, StatusKind, TokenIdentity,
} from './port.js';

export const PLURALS: Readonly<Record<StatusKind, string>> = {
  ModelRoute: 'modelroutes',
  ProviderPool: 'providerpools',
  BudgetPolicy: 'budgetpolicies',
};

export function isStatus(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}

export function podInfoOf(pod: V1Pod): PodInfo {
  const meta = pod.metadata ?? {};
  return {
    namespace: meta.namespace ?? '',
    name: meta.name ?? '',
    uid: meta.uid ?? '',
    resourceVersion: meta.resourceVersion ?? '',
    labels: meta.labels ?? {},
    serviceAccountName: pod.spec?.serviceAccountName ?? 'default',
    creationTimestamp: meta.creationTimestamp === undefined ? '' : new Date(meta.creationTimestamp).toISOString(),
    deleting: meta.deletionTimestamp !== undefined,
  };
}

function leaseRecordOf(lease: V1Lease): LeaseRecord {
  const spec = lease.spec ?? {};
  // renewTime comes back as a string whatever the declared type says.
  const time = (value: unknown): number | null => (value === undefined || value === null ? null : new Date(String(value)).getTime());
  return {
    holder: spec.holderIdentity ?? null,
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 15,
    renewTime: time(spec.renewTime),
    acquireTime: time(spec.acquireTime),
    transitions: spec.leaseTransitions ?? 0,
    ...(lease.metadata?.resourceVersion === undefined ? {} : { resourceVersion: lease.metadata.resourceVersion }),
  };
}

function leaseOf(namespace: string, name: string, record: LeaseRecord): V1Lease {
  // MicroTime serialises with the six fractional digits the apiserver requires; a Date would not.
  const micro = (ms: number | null): V1MicroTime | undefined => (ms === null ? undefined : new V1MicroTime(ms));
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace, ...(record.resourceVersion === undefined ? {} : { resourceVersion: record.resourceVersion }) },
    spec: {
      ...(record.holder === null ? {} : { holderIdentity: record.holder }),
      leaseDurationSeconds: record.leaseDurationSeconds,
      ...(micro(record.renewTime) ? { renewTime: micro(record.renewTime) } : {}),
      ...(micro(record.acquireTime) ? { acquireTime: micro(record.acquireTime) } : {}),
      leaseTransitions: record.transitions,
    },
  };
}

export class ClientPort implements KubePort {
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly authn: AuthenticationV1Api;
  private readonly authz: AuthorizationV1Api;
  private readonly coordination: CoordinationV1Api;

  constructor(kc: KubeConfig, private readonly component = 'switchyard-operator') {
    this.core = kc.makeApiClient(CoreV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.authn = kc.makeApiClient(AuthenticationV1Api);
    this.authz = kc.makeApiClient(AuthorizationV1Api);
    this.coordination = kc.makeApiClient(CoordinationV1Api);
  }

  async readSecret(namespace: string, name: string): Promise<SecretData | undefined> {
    try {
      const secret = await this.core.readNamespacedSecret({ namespace, name });
      const data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
      return { name, resourceVersion: secret.metadata?.resourceVersion ?? '', data };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async readPod(namespace: string, name: string): Promise<PodInfo | undefined> {
    try {
      return podInfoOf(await this.core.readNamespacedPod({ namespace, name }));
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async patchStatus(ref: ObjectRef, status: Readonly<Record<string, unknown>>): Promise<string> {
    const patched: unknown = await this.custom.patchNamespacedCustomObjectStatus(
      { group: API_GROUP, version: API_VERSION, plural: PLURALS[ref.kind], namespace: ref.namespace, name: ref.name, body: { status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const meta = (patched as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
    return typeof meta?.resourceVersion === 'string' ? meta.resourceVersion : '';
  }

  async recordEvent(event: EventRecord): Promise<void> {
    const now = new Date();
    await this.core.createNamespacedEvent({
      namespace: event.ref.namespace,
      body: {
        metadata: { generateName: `${event.ref.name}.`, namespace: event.ref.namespace },
        involvedObject: { apiVersion: `${API_GROUP}/${API_VERSION}`, kind: event.ref.kind, name: event.ref.name, namespace: event.ref.namespace, uid: event.ref.uid },
        type: event.type,
        reason: event.reason,
        message: event.message,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        source: { component: this.component },
      },
    });
  }

  async reviewToken(token: string, audiences: readonly string[]): Promise<TokenIdentity | undefined> {
    const review = await this.authn.createTokenReview({ body: { spec: { token, audiences: [...audiences] } } });
    const status = review.status;
    if (status?.authenticated !== true || status.user?.username === undefined) return undefined;
    if (audiences.length > 0 && !audiences.some((audience) => status.audiences?.includes(audience))) return undefined;
    return { username: status.user.username, groups: status.user.groups ?? [], extra: status.user.extra ?? {} };
  }

  async reviewAccess(question: AccessQuestion): Promise<boolean> {
    const review = await this.authz.createSubjectAccessReview({
      body: {
        spec: {
          user: question.user,
          groups: [...question.groups],
          resourceAttributes: { verb: question.verb, group: question.group, resource: question.resource },
        },
      },
    });
    return review.status?.allowed === true;
  }

  async readConfigMap(namespace: string, name: string): Promise<Readonly<Record<string, string>> | undefined> {
    try {
      return (await this.core.readNamespacedConfigMap({ namespace, name })).data ?? {};
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async applyConfigMap(report: ReplicaReport): Promise<void> {
    await this.core.patchNamespacedConfigMap(
      {
        namespace: report.namespace, name: report.name, fieldManager: this.component, force: true,
        body: {
          apiVersion: 'v1', kind: 'ConfigMap',
          metadata: { name: report.name, namespace: report.namespace, labels: { ...report.labels }, annotations: { ...report.annotations } },
          data: { ...report.data },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
  }

  async deleteConfigMap(namespace: string, name: string): Promise<void> {
    try {
      await this.core.deleteNamespacedConfigMap({ namespace, name });
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
  }

  async readLease(namespace: string, name: string): Promise<LeaseRecord | undefined> {
    try {
      return leaseRecordOf(await this.coordination.readNamespacedLease({ namespace, name }));
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async writeLease(namespace: string, name: string, lease: LeaseRecord): Promise<LeaseWrite> {
    const body = leaseOf(namespace, name, lease);
    try {
      if (lease.resourceVersion === undefined) await this.coordination.createNamespacedLease({ namespace, body });
      else await this.coordination.replaceNamespacedLease({ namespace, name, body });
      return 'ok';
    } catch (error) {
      if (isStatus(error, 409)) return 'conflict';
      throw error;
    }
  }
}
