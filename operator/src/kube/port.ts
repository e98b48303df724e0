// Every Kubernetes API call the operator makes, behind one small interface, so reconcile,
// channel and leader election can be driven by a fake in unit tests. Watches are not here:
// informers are the kube edge's own business (informers.ts).

export type StatusKind = 'ModelRoute' | 'ProviderPool' | 'BudgetPolicy';

export interface ObjectRef {
  readonly kind: StatusKind;
  readonly namespace: string;
  readonly name: string;
}

export interface SecretData {
  readonly name: string;
  readonly resourceVersion: string;
  /** Key → decoded value. */
  readonly data: Readonly<Record<string, string>>;
}

export interface PodInfo {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
  readonly creationTimestamp: string;
  readonly deleting: boolean;
}

/** What TokenReview says about a token; undefined when it is not authenticated. */
export interface TokenIdentity {
  readonly username: string;
  readonly groups: readonly string[];
  readonly extra: Readonly<Record<string, readonly string[]>>;
}

export interface AccessQuestion {
  readonly user: string;
  readonly groups: readonly string[];
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
}

export interface EventRecord {
  readonly ref: ObjectRef & { readonly uid: string };
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

export interface LeaseRecord {
  readonly holder: string | null;
  readonly leaseDurationSeconds: number;
  /** Milliseconds since the epoch; null when never renewed. */
  readonly renewTime: number | null;
  readonly acquireTime: number | null;
  readonly transitions: number;
  /** For optimistic concurrency; absent on create. */
  readonly resourceVersion?: string;
}

export type LeaseWrite = 'ok' | 'conflict';

export interface ReplicaReport {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, string>>;
}

export interface KubePort {
  readSecret(namespace: string, name: string): Promise<SecretData | undefined>;
  readPod(namespace: string, name: string): Promise<PodInfo | undefined>;
  /** Merge patch on the status subresource; resolves to the object's new resourceVersion. */
  patchStatus(ref: ObjectRef, status: Readonly<Record<string, unknown>>): Promise<string>;
  recordEvent(event: EventRecord): Promise<void>;
  reviewToken(token: string, audiences: readonly string[]): Promise<TokenIdentity | undefined>;
  reviewAccess(question: AccessQuestion): Promise<boolean>;
  readConfigMap(namespace: string, name: string): Promise<Readonly<Record<string, string>> | undefined>;
  /** Server-side apply of a ConfigMap the operator owns (sidecar reports, route memory). */
  applyConfigMap(report: ReplicaReport): Promise<void>;
  deleteConfigMap(namespace: string, name: string): Promise<void>;
  readLease(namespace: string, name: string): Promise<LeaseRecord | undefined>;
  /** 'conflict' when someone else created or updated it first. */
  writeLease(namespace: string, name: string, lease: LeaseRecord): Promise<LeaseWrite>;
}
