// The sidecar injector against the real kube-apiserver: a MutatingWebhookConfiguration with
// `clientConfig.url` points at createWebhookServer() on 127.0.0.1, TLS comes from
// ensureWebhookTls() (Secret + caBundle patch), and pods go through real admission, including
// the PodSecurity plugin, which checks the mutated object.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  AdmissionregistrationV1Api,
  CoreV1Api,
  type KubeConfig,
  type V1MutatingWebhook,
  type V1Pod,
} from '@kubernetes/client-node';
import {
  createWebhookServer,
  defaultInjectionSettings,
  ensureWebhookTls,
  mutatePath,
  namespaceLabelsFromApi,
  startInjector,
  type InjectionSettings,
  type WebhookServer,
} from '../../operator/src/webhook/index.js';
import { createTestNamespace, kubectl, loadKubeConfig, waitFor } from '../support/cluster.js';

jest.setTimeout(120_000);

const run = randomBytes(4).toString('hex');
/** Scopes this suite's webhooks to its own namespaces, so parallel suites are never mutated. */
const runLabel = 'switchyard-e2e/webhook-run';
const configName = `switchyard-e2e-${run}`;
const restrictedApp = {
  name: 'app',
  image: 'registry.invalid/app:1',
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 1000,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  },
};

let kc: KubeConfig;
let core: CoreV1Api;
let admission: AdmissionregistrationV1Api;
let server: WebhookServer;
let settings: InjectionSettings;
let operatorNamespace = '';
let url = '';

async function namespace(prefix: string, labels: Record<string, string>): Promise<string> {
  const name = await createTestNamespace(prefix, kc);
  const pairs = Object.entries({ [runLabel]: run, ...labels }).map(([k, v]) => `${k}=${v}`);
  const result = await kubectl(['label', 'namespace', name, ...pairs]);
  if (result.code !== 0) throw new Error(result.stderr);
  return name;
}

function podBody(name: string, labels: Record<string, string> = {}, extra: Partial<NonNullable<V1Pod['spec']>> = {}): V1Pod {
  return { metadata: { name, labels }, spec: { containers: [structuredClone(restrictedApp)], ...extra } };
}

function webhook(name: string, clientUrl: string, namespaceSelector: V1MutatingWebhook['namespaceSelector'], objectSelector: V1MutatingWebhook['objectSelector'], failurePolicy: 'Fail' | 'Ignore'): V1MutatingWebhook {
  return {
    name,
    clientConfig: { url: clientUrl },
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: 'Namespaced' }],
    namespaceSelector,
    objectSelector,
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    failurePolicy,
    timeoutSeconds: 5,
    reinvocationPolicy: 'IfNeeded',
    matchPolicy: 'Equivalent',
  };
}

// The chart's two webhooks (charts/switchyard/templates/webhook.yaml), plus this run's label.
// The operator's namespace is deliberately not excluded here, to show the server skips it too.
function injectorWebhooks(clientUrl: string): V1MutatingWebhook[] {
  const scope = { key: runLabel, operator: 'In', values: [run] };
  return [
    webhook('namespace.inject.switchyard.dev', clientUrl,
      { matchExpressions: [scope, { key: 'switchyard.dev/inject', operator: 'In', values: ['enabled'] }] },
      { matchExpressions: [{ key: 'switchyard.dev/inject', operator: 'NotIn', values: ['false'] }] }, 'Fail'),
    webhook('object.inject.switchyard.dev', clientUrl,
      { matchExpressions: [scope, { key: 'switchyard.dev/inject', operator: 'NotIn', values: ['enabled'] }] },
      { matchExpressions: [{ key: 'switchyard.dev/inject', operator: 'In', values: ['true'] }] }, 'Fail'),
  ];
}

function sidecarOf(pod: V1Pod): string[] {
  return (pod.spec?.initContainers ?? []).map((c) => c.name);
}

async function createPod(ns: string, body: V1Pod): Promise<V1Pod> {
  await core.createNamespacedPod({ namespace: ns, body });
  // Assert on what etcd stored, not on the create response.
  return core.readNamespacedPod({ namespace: ns, name: body.metadata?.name ?? '' });
}

let enabledNs = '';

beforeAll(async () => {
  kc = loadKubeConfig();
  core = kc.makeApiClient(CoreV1Api);
  admission = kc.makeApiClient(AdmissionregistrationV1Api);
  operatorNamespace = await createTestNamespace('switchyard-op', kc);
  settings = {
    ...defaultInjectionSettings,
    image: 'registry.invalid/switchyard:e2e',
    operatorNamespace,
    operatorUrl: `https://switchyard.${operatorNamespace}.svc:9443`,
  };
  const tlsOptions = {
    namespace: operatorNamespace,
    secretName: 'switchyard-webhook-tls',
    caConfigMapName: 'switchyard-ca',
    webhookConfigurationName: configName,
    hosts: [`switchyard.${operatorNamespace}.svc`, '127.0.0.1', 'localhost'],
  };
  // Before the configuration exists (the operator may start before `helm install` finishes).
  const tls = await ensureWebhookTls(kc, tlsOptions);
  expect(tls.caBundle).toBe('Missing');
  server = createWebhookServer({ tls, settings, namespaceLabels: namespaceLabelsFromApi(kc) });
  const bound = await server.listen(0, '127.0.0.1');
  url = `https://127.0.0.1:${bound}${mutatePath}`;
  // Registered without caBundle, as the chart does: the second pass must fill it in.
  await admission.createMutatingWebhookConfiguration({
    body: { metadata: { name: configName }, webhooks: injectorWebhooks(url) },
  });
  const again = await ensureWebhookTls(kc, tlsOptions);
  expect(again.caBundle).toBe('Patched');
  expect(again.cert).toBe(tls.cert);

  enabledNs = await namespace('inject-on', { 'switchyard.dev/inject': 'enabled' });
  // The apiserver loads webhook configurations through an informer: wait until one is in force.
  await waitFor(async () => {
    const probe = await core.createNamespacedPod({ namespace: enabledNs, body: podBody('probe'), dryRun: 'All' });
    return sidecarOf(probe).includes('switchyard-sidecar');
  }, 60_000, 250);
});

afterAll(async () => {
  // The configuration first: a Fail webhook without its server would refuse other suites' pods.
  await admission.deleteMutatingWebhookConfiguration({ name: configName }).catch(() => undefined);
  await server?.close();
});

describe('self-managed TLS', () => {
  it('keeps the caBundle equal to the CA in the Secret and the CA ConfigMap', async () => {
    const secret = await core.readNamespacedSecret({ namespace: operatorNamespace, name: 'switchyard-webhook-tls' });
    const config = await admission.readMutatingWebhookConfiguration({ name: configName });
    const caBundles = new Set((config.webhooks ?? []).map((w) => w.clientConfig.caBundle));
    expect(caBundles).toEqual(new Set([secret.data?.['ca.crt']]));
    const configMap = await core.readNamespacedConfigMap({ namespace: operatorNamespace, name: 'switchyard-ca' });
    expect(Buffer.from(configMap.data?.['ca.crt'] ?? '').toString('base64')).toBe(secret.data?.['ca.crt']);
  });
});

describe('startInjector() with the environment the chart sets', () => {
  it('reuses the stored certificate, serves /mutate and copies the CA into injected namespaces', async () => {
    const injector = await startInjector({
      kc,
      host: '127.0.0.1',
      refreshMs: 60_000,
      env: {
        SWITCHYARD_OPERATOR_NAMESPACE: operatorNamespace,
        SWITCHYARD_WEBHOOK_TLS_SECRET: 'switchyard-webhook-tls',
        SWITCHYARD_WEBHOOK_CONFIGURATION: configName,
        SWITCHYARD_SERVICE_HOSTS: `switchyard.${operatorNamespace}.svc,127.0.0.1,localhost`,
        SWITCHYARD_WEBHOOK_PORT: '0',
        SWITCHYARD_SIDECAR_IMAGE: settings.image,
      },
    });
    try {
      const secret = await core.readNamespacedSecret({ namespace: operatorNamespace, name: 'switchyard-webhook-tls' });
      expect(Buffer.from(injector.tls().cert).toString('base64')).toBe(secret.data?.['tls.crt']);
      expect(injector.port).toBeGreaterThan(0);
      const copied = await waitFor(async () => {
        const configMap = await core.readNamespacedConfigMap({ namespace: enabledNs, name: 'switchyard-ca' });
        return configMap.data?.['ca.crt'];
      }, 30_000, 250);
      expect(copied).toBe(injector.tls().ca);
    } finally {
      await injector.close();
    }
  });
});

describe('a pod created through the apiserver', () => {
  it('gets the native sidecar, label and OpenAI env in a namespace labelled inject=enabled', async () => {
    const pod = await createPod(enabledNs, podBody('web'));
    expect(sidecarOf(pod)).toEqual(['switchyard-sidecar']);
    const sidecar = pod.spec?.initContainers?.[0];
    expect(sidecar?.restartPolicy).toBe('Always');
    expect(sidecar?.image).toBe('registry.invalid/switchyard:e2e');
    expect(sidecar?.args).toContain('$(POD_NAMESPACE)/$(POD_NAME)');
    expect(pod.metadata?.labels?.['switchyard.dev/sidecar']).toBe('true');
    expect(pod.spec?.containers[0]?.env).toEqual([
      { name: 'OPENAI_BASE_URL', value: `http://127.0.0.1:${settings.port}/v1` },
      { name: 'OPENAI_API_KEY', value: 'switchyard' },
    ]);
    const token = pod.spec?.volumes?.find((v) => v.name === 'switchyard-token');
    expect(token?.projected?.sources?.[0]?.serviceAccountToken).toEqual({ audience: 'switchyard', expirationSeconds: 3600, path: 'token' });
    expect(pod.spec?.containers[0]?.volumeMounts ?? []).toEqual([]);
  });

  it('goes before the init containers the pod already has', async () => {
    const pod = await createPod(enabledNs, podBody('with-init', {}, { initContainers: [{ ...structuredClone(restrictedApp), name: 'migrate' }] }));
    expect(sidecarOf(pod)).toEqual(['switchyard-sidecar', 'migrate']);
  });

  it('is left alone in an unlabelled namespace', async () => {
    const ns = await namespace('inject-off', {});
    const pod = await createPod(ns, podBody('web'));
    expect(pod.spec?.initContainers).toBeUndefined();
    expect(pod.metadata?.labels?.['switchyard.dev/sidecar']).toBeUndefined();
    expect(pod.spec?.containers[0]?.env).toBeUndefined();
  });

  it('gets the sidecar in an unlabelled namespace when the pod says inject=true', async () => {
    const ns = await namespace('inject-pod', {});
    const pod = await createPod(ns, podBody('web', { 'switchyard.dev/inject': 'true' }));
    expect(sidecarOf(pod)).toEqual(['switchyard-sidecar']);
  });

  it('is left alone when it says inject=false in an enabled namespace', async () => {
    const pod = await createPod(enabledNs, podBody('opted-out', { 'switchyard.dev/inject': 'false' }));
    expect(pod.spec?.initContainers).toBeUndefined();
  });

  it('that already has the sidecar gets no second one, nor a second set of volumes or env', async () => {
    const submitted = await core.createNamespacedPod({ namespace: enabledNs, body: podBody('probe-2'), dryRun: 'All' });
    const injected: V1Pod = { metadata: { name: 'twice', labels: submitted.metadata?.labels ?? {} }, spec: submitted.spec };
    const pod = await createPod(enabledNs, injected);
    expect(sidecarOf(pod)).toEqual(['switchyard-sidecar']);
    expect(pod.spec?.volumes?.map((v) => v.name).filter((n) => n.startsWith('switchyard-'))).toEqual(['switchyard-token', 'switchyard-state', 'switchyard-ca', 'switchyard-no-api-token']);
    expect(pod.spec?.containers[0]?.env?.map((e) => e.name)).toEqual(['OPENAI_BASE_URL', 'OPENAI_API_KEY']);
  });

  it("is left alone in the operator's own namespace, even when the selector lets it through", async () => {
    const result = await kubectl(['label', 'namespace', operatorNamespace, `${runLabel}=${run}`, 'switchyard.dev/inject=enabled']);
    expect(result.code).toBe(0);
    const pod = await createPod(operatorNamespace, podBody('operator-like'));
    expect(pod.spec?.initContainers).toBeUndefined();
  });
});

describe('Pod Security "restricted"', () => {
  let restricted = '';

  beforeAll(async () => {
    restricted = await namespace('inject-restricted', {
      'switchyard.dev/inject': 'enabled',
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
  });

  it('admits a restricted-compliant pod after the sidecar is injected', async () => {
    const pod = await createPod(restricted, podBody('web'));
    expect(sidecarOf(pod)).toEqual(['switchyard-sidecar']);
  });

  it('is really enforced in that namespace (a privileged-by-default pod is refused)', async () => {
    const loose: V1Pod = { metadata: { name: 'loose', labels: { 'switchyard.dev/inject': 'false' } }, spec: { containers: [{ name: 'app', image: 'app:1' }] } };
    await expect(core.createNamespacedPod({ namespace: restricted, body: loose, dryRun: 'All' })).rejects.toMatchObject({ code: 403 });
  });
});

describe('failurePolicy', () => {
  // With Fail (the chart's default), a labelled namespace refuses pods while the injector is
  // unreachable: no pod runs without its gateway. With Ignore, pods start without a sidecar.
  const downName = `${configName}-down`;
  let downNs = '';

  beforeAll(async () => {
    downNs = await namespace('inject-down', { 'switchyard.dev/down': run });
    const closed = `https://127.0.0.1:1${mutatePath}`;
    await admission.createMutatingWebhookConfiguration({
      body: {
        metadata: { name: downName },
        webhooks: [webhook('down.inject.switchyard.dev', closed, { matchLabels: { 'switchyard.dev/down': run } }, {}, 'Fail')],
      },
    });
  });

  afterAll(async () => {
    await admission.deleteMutatingWebhookConfiguration({ name: downName }).catch(() => undefined);
  });

  it('Fail refuses pod creation while the injector is unreachable', async () => {
    const message = await waitFor(async () => {
      try {
        await core.createNamespacedPod({ namespace: downNs, body: podBody('refused'), dryRun: 'All' });
        return undefined;
      } catch (error: unknown) {
        return String((error as { body?: unknown }).body ?? error);
      }
    }, 60_000, 250);
    expect(message).toContain('failed calling webhook');
  });

  it('Ignore lets the pod in without a sidecar', async () => {
    const config = await admission.readMutatingWebhookConfiguration({ name: downName });
    const webhooks = (config.webhooks ?? []).map((w) => ({ ...w, failurePolicy: 'Ignore' }));
    await admission.replaceMutatingWebhookConfiguration({ name: downName, body: { ...config, webhooks } });
    const pod = await waitFor(async () => {
      try {
        return await core.createNamespacedPod({ namespace: downNs, body: podBody('admitted'), dryRun: 'All' });
      } catch {
        return undefined;
      }
    }, 60_000, 250);
    expect(pod.spec?.initContainers).toBeUndefined();
  });
});
