import { describe, expect, it } from '@jest/globals';
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import type { Labels } from './decide.js';
import { sidecarContainerName, sidecarLabel } from './labels.js';
import { buildInjectionPatch, type PatchOperation } from './patch.js';
import { defaultInjectionSettings, type InjectionSettings } from './settings.js';

const settings: InjectionSettings = { ...defaultInjectionSettings, operatorNamespace: 'switchyard-system', port: 9680 };
const enabled: Labels = { 'switchyard.dev/inject': 'enabled' };

function pod(overrides: { namespace?: string; labels?: Record<string, string>; spec?: Partial<NonNullable<V1Pod['spec']>> } = {}): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: overrides.namespace ?? 'team-a', ...(overrides.labels ? { labels: overrides.labels } : {}) },
    spec: { containers: [{ name: 'app', image: 'app:1' }], ...overrides.spec },
  };
}

/** Applies `add` operations (RFC 6902 semantics for objects and arrays) to a deep copy. */
function applyPatch<T>(document: T, operations: readonly PatchOperation[]): T {
  const root = structuredClone(document) as unknown;
  for (const { path, value } of operations) {
    const keys = path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    let target: unknown = root;
    for (const key of keys) target = (target as Record<string, unknown>)[key];
    if (last === undefined) throw new Error(`bad path ${path}`);
    if (Array.isArray(target)) {
      if (last === '-') target.push(value);
      else target.splice(Number(last), 0, value);
    } else {
      (target as Record<string, unknown>)[last] = value;
    }
  }
  return root as T;
}

function sidecarOf(p: V1Pod): V1Container | undefined {
  return p.spec?.initContainers?.find((c) => c.name === sidecarContainerName);
}

describe('which pods get a sidecar', () => {
  it.each<[string, V1Pod, Labels, boolean, string]>([
    ['a pod in a namespace labelled inject=enabled is injected', pod(), enabled, true, 'NamespaceEnabled'],
    ['a pod labelled inject=true in an unlabelled namespace is injected', pod({ labels: { 'switchyard.dev/inject': 'true' } }), {}, true, 'PodEnabled'],
    ['a pod in an unlabelled namespace is left alone', pod(), {}, false, 'NotEnabled'],
    ['a namespace labelled inject=disabled does not count as enabled', pod(), { 'switchyard.dev/inject': 'disabled' }, false, 'NotEnabled'],
    ['a pod labelled inject=false wins over its namespace', pod({ labels: { 'switchyard.dev/inject': 'false' } }), enabled, false, 'PodOptedOut'],
    ['kube-system is never injected, even when labelled', pod({ namespace: 'kube-system', labels: { 'switchyard.dev/inject': 'true' } }), enabled, false, 'SystemNamespace'],
    ["the operator's own namespace is never injected", pod({ namespace: 'switchyard-system', labels: { 'switchyard.dev/inject': 'true' } }), enabled, false, 'OperatorNamespace'],
    ['a pod that already has the sidecar as an init container is left alone', pod({ spec: { initContainers: [{ name: sidecarContainerName }] } }), enabled, false, 'AlreadyInjected'],
    ['a pod that already has the sidecar as a container is left alone', pod({ spec: { containers: [{ name: 'app' }, { name: sidecarContainerName }] } }), enabled, false, 'AlreadyInjected'],
    ['a hostNetwork pod is left alone', pod({ spec: { hostNetwork: true } }), enabled, false, 'HostNetwork'],
  ])('%s', (_sentence, input, labels, inject, reason) => {
    const { decision, operations } = buildInjectionPatch(input, labels, settings);
    expect(decision).toEqual({ inject, reason });
    expect(operations.length > 0).toBe(inject);
  });

  it('takes the namespace from the namespace labels when the pod does not carry it yet', () => {
    const bare = pod();
    delete bare.metadata?.namespace;
    const { decision } = buildInjectionPatch(bare, { ...enabled, 'kubernetes.io/metadata.name': 'switchyard-system' }, settings);
    expect(decision.reason).toBe('OperatorNamespace');
  });
});

describe('the patch', () => {
  it.each<[string, V1Pod, (patched: V1Pod) => void]>([
    [
      'creates initContainers with the sidecar when the pod has none',
      pod(),
      (patched) => expect(patched.spec?.initContainers?.map((c) => c.name)).toEqual([sidecarContainerName]),
    ],
    [
      'puts the sidecar first when the pod has init containers',
      pod({ spec: { initContainers: [{ name: 'migrate', image: 'm:1' }] } }),
      (patched) => expect(patched.spec?.initContainers?.map((c) => c.name)).toEqual([sidecarContainerName, 'migrate']),
    ],
    [
      'makes the sidecar a native sidecar (restartPolicy Always)',
      pod(),
      (patched) => expect(sidecarOf(patched)?.restartPolicy).toBe('Always'),
    ],
    [
      'adds the sidecar label when the pod has no labels',
      pod(),
      (patched) => expect(patched.metadata?.labels).toEqual({ [sidecarLabel]: 'true' }),
    ],
    [
      'adds the sidecar label next to existing labels',
      pod({ labels: { app: 'web' } }),
      (patched) => expect(patched.metadata?.labels).toEqual({ app: 'web', [sidecarLabel]: 'true' }),
    ],
    [
      'creates volumes when the pod has none',
      pod(),
      (patched) => expect(patched.spec?.volumes?.map((v) => v.name)).toEqual(['switchyard-token', 'switchyard-state', 'switchyard-ca', 'switchyard-no-api-token']),
    ],
    [
      'keeps the sidecar state (config and credentials) on a memory-backed volume',
      pod(),
      (patched) => expect(patched.spec?.volumes?.find((v) => v.name === 'switchyard-state')?.emptyDir).toEqual({ medium: 'Memory', sizeLimit: '64Mi' }),
    ],
    [
      'appends volumes after the pod\'s own',
      pod({ spec: { volumes: [{ name: 'data', emptyDir: {} }] } }),
      (patched) => expect(patched.spec?.volumes?.map((v) => v.name)).toEqual(['data', 'switchyard-token', 'switchyard-state', 'switchyard-ca', 'switchyard-no-api-token']),
    ],
    [
      'points every app container at the sidecar',
      pod({ spec: { containers: [{ name: 'a' }, { name: 'b', env: [{ name: 'X', value: '1' }] }] } }),
      (patched) => {
        const env = patched.spec?.containers.map((c) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value])));
        expect(env).toEqual([
          { OPENAI_BASE_URL: 'http://127.0.0.1:9680/v1', OPENAI_API_KEY: 'switchyard' },
          { X: '1', OPENAI_BASE_URL: 'http://127.0.0.1:9680/v1', OPENAI_API_KEY: 'switchyard' },
        ]);
      },
    ],
    [
      "keeps the app's own OPENAI_API_KEY and OPENAI_BASE_URL",
      pod({ spec: { containers: [{ name: 'a', env: [{ name: 'OPENAI_API_KEY', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'OPENAI_BASE_URL', value: 'http://elsewhere/v1' }] }] } }),
      (patched) => expect(patched.spec?.containers[0]?.env?.map((e) => e.name)).toEqual(['OPENAI_API_KEY', 'OPENAI_BASE_URL']),
    ],
    [
      'mounts the token only into the sidecar',
      pod(),
      (patched) => {
        expect(sidecarOf(patched)?.volumeMounts?.map((m) => m.name)).toContain('switchyard-token');
        expect(patched.spec?.containers.flatMap((c) => c.volumeMounts ?? [])).toEqual([]);
      },
    ],
  ])('%s', (_sentence, input, check) => {
    check(applyPatch(input, buildInjectionPatch(input, enabled, settings).operations));
  });

  it.each<[string, V1Pod, string]>([
    ['names the default ServiceAccount when the pod names none (the projected token needs one)', pod(), 'default'],
    ['keeps the ServiceAccount the pod names', pod({ spec: { serviceAccountName: 'web' } }), 'web'],
  ])('%s', (_sentence, input, serviceAccount) => {
    expect(applyPatch(input, buildInjectionPatch(input, enabled, settings).operations).spec?.serviceAccountName).toBe(serviceAccount);
  });

  it('uses only add operations, so arrays added by other webhooks survive', () => {
    const ops = buildInjectionPatch(pod({ spec: { initContainers: [{ name: 'x' }], volumes: [{ name: 'v' }] } }), enabled, settings).operations;
    expect(new Set(ops.map((o) => o.op))).toEqual(new Set(['add']));
  });

  it('injects nothing the second time (idempotent under reinvocation)', () => {
    const once = applyPatch(pod(), buildInjectionPatch(pod(), enabled, settings).operations);
    expect(buildInjectionPatch(once, enabled, settings)).toEqual({ decision: { inject: false, reason: 'AlreadyInjected' }, operations: [] });
  });
});

describe('the sidecar container', () => {
  const sidecar = sidecarOf(applyPatch(pod(), buildInjectionPatch(pod(), enabled, settings).operations));

  it('runs under the restricted Pod Security profile', () => {
    expect(sidecar?.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('is told where the operator, its CA, its token and its state are', () => {
    expect(sidecar?.args).toEqual([
      'sidecar',
      '--operator-url', settings.operatorUrl,
      '--ca-file', '/etc/switchyard/ca/ca.crt',
      '--token-file', '/var/run/secrets/switchyard/token',
      '--pod', '$(POD_NAMESPACE)/$(POD_NAME)',
      '--state-dir', '/var/run/switchyard',
      '--port', '9680',
      '--admin-port', '9681',
    ]);
    expect(sidecar?.env?.slice(0, 2)).toEqual([
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    ]);
  });

  it('has startup, readiness and liveness probes on the admin port', () => {
    expect([sidecar?.startupProbe, sidecar?.readinessProbe, sidecar?.livenessProbe].map((p) => p?.httpGet?.path)).toEqual(['/healthz', '/readyz', '/healthz']);
    expect(sidecar?.ports).toEqual([{ name: 'sy-admin', containerPort: 9681, protocol: 'TCP' }]);
  });

  it('has requests and limits from the settings', () => {
    expect(sidecar?.resources).toEqual(settings.resources);
  });

  it('holds no Kubernetes API token: its only token is the channel-audience one, and the API token path is masked', () => {
    const patched = applyPatch(pod(), buildInjectionPatch(pod(), enabled, settings).operations);
    const mounts = new Map((sidecar?.volumeMounts ?? []).map((mount) => [mount.mountPath, mount.name]));
    const volumes = new Map((patched.spec?.volumes ?? []).map((volume) => [volume.name, volume]));
    // The ServiceAccount admission plugin skips a container that already mounts this path.
    const masked = volumes.get(mounts.get('/var/run/secrets/kubernetes.io/serviceaccount') ?? '');
    expect(masked?.emptyDir).toBeDefined();
    expect(masked?.projected).toBeUndefined();
    const tokens = [...volumes.values()].flatMap((volume) => volume.projected?.sources?.flatMap((source) => source.serviceAccountToken ?? []) ?? []);
    expect(tokens).toEqual([{ audience: settings.tokenAudience, expirationSeconds: settings.tokenExpirationSeconds, path: 'token' }]);
  });
});
