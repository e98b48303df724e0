import { describe, expect, it } from '@jest/globals';
import type { ClusterView } from '../kube/informers.js';
import type { KubePort, PodInfo, TokenIdentity } from '../kube/port.js';
import { RevisionTracker } from '../kube/revision.js';
import { authenticateSidecar } from './authenticate.js';

const pod: PodInfo = {
  namespace: 'team-a', name: 'web-0', uid: 'uid-0', resourceVersion: '1', labels: { 'switchyard.dev/sidecar': 'true' },
  serviceAccountName: 'web', creationTimestamp: '', deleting: false,
};

function world(identity: TokenIdentity | undefined, pods: PodInfo[] = [pod]): { port: KubePort; view: ClusterView } {
  const unused = (): never => { throw new Error('unused'); };
  const port: KubePort = {
    readSecret: unused, patchStatus: unused, recordEvent: unused, reviewAccess: unused, readLease: unused, writeLease: unused,
    applyConfigMap: unused, deleteConfigMap: unused, readConfigMap: unused,
    readPod: async (namespace, name) => pods.find((p) => p.namespace === namespace && p.name === name),
    reviewToken: async (_token, audiences) => (audiences.includes('switchyard') ? identity : undefined),
  };
  const view: ClusterView = {
    resources: () => [], pods: () => pods, pod: () => undefined, namespaces: () => [], revision: new RevisionTracker(),
  };
  return { port, view };
}

const bound = (over: Partial<TokenIdentity> = {}): TokenIdentity => ({
  username: 'system:serviceaccount:team-a:web', groups: [],
  extra: { 'authentication.kubernetes.io/pod-name': ['web-0'], 'authentication.kubernetes.io/pod-uid': ['uid-0'] }, ...over,
});

describe('authenticateSidecar', () => {
  it('accepts a token bound to the claimed pod, which runs as the token\'s ServiceAccount', async () => {
    const { port, view } = world(bound());
    expect(await authenticateSidecar(port, view, 't', { namespace: 'team-a', name: 'web-0' })).toMatchObject({ ok: true });
  });

  it.each([
    ['asks TokenReview for the default audience switchyard', undefined, true],
    ['asks TokenReview for the configured audience instead', 'gateway', false],
  ])('%s', async (_sentence, audience, accepted) => {
    const { port, view } = world(bound());
    const result = await authenticateSidecar(port, view, 't', { namespace: 'team-a', name: 'web-0' }, audience);
    expect(result).toMatchObject(accepted ? { ok: true } : { ok: false, reason: 'InvalidToken', message: 'the token was not accepted for audience gateway' });
  });

  it.each([
    ['no token', undefined, bound(), { namespace: 'team-a', name: 'web-0' }, 'MissingToken'],
    ['a token TokenReview refuses', 't', undefined, { namespace: 'team-a', name: 'web-0' }, 'InvalidToken'],
    ['a user that is not a ServiceAccount', 't', bound({ username: 'alice' }), { namespace: 'team-a', name: 'web-0' }, 'NotServiceAccount'],
    ['a ServiceAccount of another namespace', 't', bound({ username: 'system:serviceaccount:team-b:web' }), { namespace: 'team-a', name: 'web-0' }, 'NamespaceMismatch'],
    ['a token bound to no pod', 't', bound({ extra: {} }), { namespace: 'team-a', name: 'web-0' }, 'NotBoundToPod'],
    ['a token bound to another pod', 't', bound(), { namespace: 'team-a', name: 'web-1' }, 'PodMismatch'],
    ['a token bound to an earlier pod of the same name', 't', bound({ extra: { 'authentication.kubernetes.io/pod-name': ['web-0'], 'authentication.kubernetes.io/pod-uid': ['old'] } }), { namespace: 'team-a', name: 'web-0' }, 'PodMismatch'],
    ['a pod running as another ServiceAccount', 't', bound({ username: 'system:serviceaccount:team-a:other' }), { namespace: 'team-a', name: 'web-0' }, 'ServiceAccountMismatch'],
  ])('refuses %s', async (_name, token, identity, claimed, reason) => {
    const { port, view } = world(identity);
    expect(await authenticateSidecar(port, view, token, claimed)).toMatchObject({ ok: false, reason });
  });
});
