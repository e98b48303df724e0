// The operator under test runs as a ServiceAccount with exactly the RBAC it claims to need
// (docs/adr/0005): read the three kinds and sidecar pods, patch their status, get (never list)
// Secrets, create Events, TokenReviews and SubjectAccessReviews; in its own namespace, Leases and
// its sidecar-report ConfigMaps. A missing rule fails the suites that use it.
import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api, type V1PolicyRule } from '@kubernetes/client-node';
import { createTestNamespace } from '../../support/cluster.js';

export const OPERATOR_CLUSTER_RULES: V1PolicyRule[] = [
  { apiGroups: ['switchyard.dev'], resources: ['modelroutes', 'providerpools', 'budgetpolicies'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['switchyard.dev'], resources: ['modelroutes/status', 'providerpools/status', 'budgetpolicies/status'], verbs: ['patch'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
  { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
];

export const OPERATOR_NAMESPACE_RULES: V1PolicyRule[] = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'] },
];

export interface OperatorIdentity {
  readonly namespace: string;
  readonly kubeConfig: KubeConfig;
}

/** Creates the operator's namespace, ServiceAccount and RBAC; returns a kubeconfig holding its token. */
export async function operatorIdentity(admin: KubeConfig): Promise<OperatorIdentity> {
  const namespace = await createTestNamespace('switchyard-system', admin);
  const name = `switchyard-operator-${randomBytes(3).toString('hex')}`;
  const core = admin.makeApiClient(CoreV1Api);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'switchyard-operator' } } });
  const subject = { kind: 'ServiceAccount', name: 'switchyard-operator', namespace };
  await rbac.createClusterRole({ body: { metadata: { name }, rules: OPERATOR_CLUSTER_RULES } });
  await rbac.createClusterRoleBinding({ body: { metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [subject] } });
  await rbac.createNamespacedRole({ namespace, body: { metadata: { name: 'switchyard-operator' }, rules: OPERATOR_NAMESPACE_RULES } });
  await rbac.createNamespacedRoleBinding({ namespace, body: {
    metadata: { name: 'switchyard-operator' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'switchyard-operator' }, subjects: [subject],
  } });
  const request = await core.createNamespacedServiceAccountToken({ namespace, name: 'switchyard-operator', body: { spec: { expirationSeconds: 7200 } } });
  const cluster = admin.getCurrentCluster();
  if (cluster === null || request.status?.token === undefined) throw new Error('no cluster or no token for the operator');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ ...cluster, name: 'test' }],
    users: [{ name: 'switchyard-operator', token: request.status.token }],
    contexts: [{ name: 'operator', cluster: 'test', user: 'switchyard-operator' }],
    currentContext: 'operator',
  });
  return { namespace, kubeConfig };
}
