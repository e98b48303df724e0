// startInjector(): the one call the operator makes to run sidecar injection. Every replica runs
// it (no leader election): it ensures the TLS material, serves /mutate, and every refresh period
// re-checks the certificate (rotation), the caBundle and the CA ConfigMaps in injected namespaces.
// Configuration comes from the environment the chart sets (templates/deployment.yaml).
import type { KubeConfig } from '@kubernetes/client-node';
import { distributeCa } from './ca-configmap.js';
import { namespaceLabelsFromApi } from './namespaces.js';
import { createWebhookServer, type WebhookLogEntry } from './server.js';
import { injectionSettingsFromEnv, InjectionSettingsError, type InjectionSettings } from './settings.js';
import { ensureWebhookTls, type WebhookTls, type WebhookTlsOptions } from './tls.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface InjectorOptions {
  kc: KubeConfig;
  env: Env;
  /** 0.0.0.0 in a pod (the apiserver calls the Service); 127.0.0.1 in tests. */
  host: string;
  log?: (entry: WebhookLogEntry) => void;
  /** Told when the serving certificate changes, e.g. so the channel server can swap it too. */
  onTlsChange?: (tls: WebhookTls) => void;
  refreshMs?: number;
}

export interface Injector {
  port: number;
  settings: InjectionSettings;
  tls(): WebhookTls;
  close(): Promise<void>;
}

export function injectorTlsOptionsFromEnv(env: Env): WebhookTlsOptions & { port: number } {
  const required = (key: string): string => {
    const value = env[key];
    if (!value) throw new InjectionSettingsError(`${key} must be set (the chart sets it)`);
    return value;
  };
  const port = Number(env.SWITCHYARD_WEBHOOK_PORT ?? '8443');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InjectionSettingsError('SWITCHYARD_WEBHOOK_PORT must be a port number');
  return {
    namespace: required('SWITCHYARD_OPERATOR_NAMESPACE'),
    secretName: required('SWITCHYARD_WEBHOOK_TLS_SECRET'),
    webhookConfigurationName: required('SWITCHYARD_WEBHOOK_CONFIGURATION'),
    caConfigMapName: env.SWITCHYARD_CA_CONFIGMAP || 'switchyard-ca',
    hosts: required('SWITCHYARD_SERVICE_HOSTS').split(',').map((h) => h.trim()).filter((h) => h !== ''),
    port,
  };
}

export async function startInjector(options: InjectorOptions): Promise<Injector> {
  const { kc, env, log } = options;
  const settings = injectionSettingsFromEnv(env);
  const { port: wantedPort, ...tlsOptions } = injectorTlsOptionsFromEnv(env);
  let tls = await ensureWebhookTls(kc, tlsOptions);
  const server = createWebhookServer({ tls, settings, namespaceLabels: namespaceLabelsFromApi(kc), ...(log ? { log } : {}) });
  const port = await server.listen(wantedPort, options.host);

  const refresh = async (): Promise<void> => {
    const next = await ensureWebhookTls(kc, tlsOptions);
    if (next.cert !== tls.cert) {
      server.updateTls(next);
      options.onTlsChange?.(next);
    }
    tls = next;
    await distributeCa(kc, tlsOptions.caConfigMapName, next.ca);
  };
  let running: Promise<void> = refresh().catch((error: unknown) => log?.({ msg: 'CA distribution failed', error: String(error) }));
  const timer = setInterval(() => {
    running = running.then(refresh).catch((error: unknown) => log?.({ msg: 'TLS refresh failed', error: String(error) }));
  }, options.refreshMs ?? 30_000);
  timer.unref();

  return {
    port,
    settings,
    tls: () => tls,
    close: async () => {
      clearInterval(timer);
      await running;
      await server.close();
    },
  };
}
