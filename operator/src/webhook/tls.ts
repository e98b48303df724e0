// Self-managed webhook TLS: one CA + serving certificate kept in a Secret (shared by every
// replica), the CA published in the CA ConfigMap of the operator's namespace, and the
// MutatingWebhookConfiguration's caBundle kept equal to it. Races between replicas are settled by
// the apiserver: create answers 409 to the loser, replace with a stale resourceVersion likewise,
// and the loser re-reads and adopts the winner's material.
import { CoreV1Api, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { failedWith } from './api-status.js';
import { ensureCaBundle, type CaBundleResult } from './ca-bundle.js';
import { ensureCaConfigMap } from './ca-configmap.js';
import { createCertificateBundle, issueServingCertificate, judgeBundle, type CertificateBundle } from './certificates.js';

export interface WebhookTlsOptions {
  namespace: string;
  secretName: string;
  caConfigMapName: string;
  webhookConfigurationName: string;
  /** Names the serving certificate must cover: the Service's DNS names (and IPs in tests). */
  hosts: readonly string[];
  now?: () => Date;
}

export interface WebhookTls extends CertificateBundle {
  caBundle: CaBundleResult;
}

const secretKeys = { ca: 'ca.crt', caKey: 'ca.key', cert: 'tls.crt', key: 'tls.key' } as const;
const attempts = 5;

function bundleFrom(secret: V1Secret): Partial<CertificateBundle> {
  const field = (key: string): string | undefined => {
    const value = secret.data?.[key];
    return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
  };
  return { ca: field(secretKeys.ca), caKey: field(secretKeys.caKey), cert: field(secretKeys.cert), key: field(secretKeys.key) };
}

function secretData(bundle: CertificateBundle): Record<string, string> {
  return Object.fromEntries(
    Object.entries(secretKeys).map(([field, key]) => [key, Buffer.from(bundle[field as keyof CertificateBundle]).toString('base64')]),
  );
}

function complete(bundle: Partial<CertificateBundle>): CertificateBundle {
  const { ca, caKey, cert, key } = bundle;
  if (!ca || !caKey || !cert || !key) throw new Error('incomplete certificate bundle');
  return { ca, caKey, cert, key };
}

async function renewed(stored: Partial<CertificateBundle>, hosts: readonly string[], now: Date): Promise<CertificateBundle | undefined> {
  const verdict = judgeBundle(stored, hosts, now);
  if (verdict === 'Valid') return undefined;
  const { ca, caKey } = stored;
  if (verdict === 'RenewAll' || !ca || !caKey) return createCertificateBundle(hosts, now);
  return { ca, caKey, ...(await issueServingCertificate({ ca, caKey }, hosts, now)) };
}

/** Reads, creates or renews the Secret; returns the material every replica should serve. */
async function ensureSecret(core: CoreV1Api, options: WebhookTlsOptions): Promise<CertificateBundle> {
  const { namespace, secretName: name, hosts } = options;
  const now = options.now ?? (() => new Date());
  for (let attempt = 0; attempt < attempts; attempt++) {
    let secret: V1Secret | undefined;
    try {
      secret = await core.readNamespacedSecret({ name, namespace });
    } catch (error: unknown) {
      if (!failedWith(error, 404)) throw error;
    }
    if (secret === undefined) {
      const bundle = await createCertificateBundle(hosts, now());
      try {
        await core.createNamespacedSecret({
          namespace,
          body: { metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'switchyard' } }, type: 'Opaque', data: secretData(bundle) },
        });
        return bundle;
      } catch (error: unknown) {
        if (failedWith(error, 409)) continue;
        throw error;
      }
    }
    const stored = bundleFrom(secret);
    const next = await renewed(stored, hosts, now());
    if (next === undefined) return complete(stored);
    try {
      await core.replaceNamespacedSecret({ name, namespace, body: { ...secret, data: secretData(next) } });
      return next;
    } catch (error: unknown) {
      if (!failedWith(error, 409)) throw error;
    }
  }
  throw new Error(`Secret ${namespace}/${name} kept changing under us; giving up after ${attempts} attempts`);
}

export async function ensureWebhookTls(kc: KubeConfig, options: WebhookTlsOptions): Promise<WebhookTls> {
  const bundle = await ensureSecret(kc.makeApiClient(CoreV1Api), options);
  await ensureCaConfigMap(kc, options.namespace, options.caConfigMapName, bundle.ca);
  const caBundle = await ensureCaBundle(kc, options.webhookConfigurationName, bundle.ca);
  return { ...bundle, caBundle };
}
