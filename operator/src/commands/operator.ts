// switchyard operator: the control plane. Watches the three kinds and sidecar pods, compiles,
// serves the config channel, writes status when it leads.
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { parsePort, UsageError, withUsageErrors } from '../cli/usage.js';
import { atLevel, createLogger, type Logger, type LogLevel } from '../log.js';
import { startMetricsServer } from '../metrics-server.js';
import { startOperator, type RunningOperator } from '../operator.js';
import { startInjector, type Injector } from '../webhook/injector.js';
import type { WebhookLogEntry } from '../webhook/server.js';

export const HELP = `usage: switchyard operator [--tls-cert F --tls-key F] [--webhook] [flags]

  --kubeconfig F          kubeconfig (default: $KUBECONFIG, else in-cluster config)
  --channel-port N        config channel port, HTTP/2 over TLS (default 9443)
  --bind-address A        address for the channel, webhook and metrics ports (default
                          127.0.0.1; the chart sets 0.0.0.0)
  --tls-cert F, --tls-key F   serving certificate of the channel; required without --webhook
  --webhook               run the sidecar injection webhook, with its self-managed certificate;
                          without --tls-cert/--tls-key the channel serves that certificate too,
                          and follows its rotation
  --webhook-port N        injection webhook port, HTTPS (default 8443)
  --token-audience A      audience of the sidecars' projected tokens (default switchyard)
  --client-ca F           CA whose client certificates may read /v1/sidecars (proxy-status)
  --log-level L           info (default), warn or error; debug logs as info
  --metrics-port N        /metrics, /healthz, /readyz over HTTP (default 9090)
  --leader-elect          elect a leader on a Lease; only the leader writes status
  --namespace NS          namespace of the Lease, sidecar reports and route memory (default
                          $SWITCHYARD_OPERATOR_NAMESPACE, else switchyard-system)
  --lease-name N          name of the Lease (default switchyard-operator)
  --lease-duration S, --renew-deadline S, --retry-period S   seconds (default 15, 10, 2)
  --resync-period S       recompile every namespace this often (default 30)
  --watch-namespace NS    reconcile only this namespace (repeatable; default all)
  -h, --help              show this help

Flags fall back to the chart's environment: SWITCHYARD_CHANNEL_PORT, SWITCHYARD_METRICS_PORT,
SWITCHYARD_BIND_ADDRESS, SWITCHYARD_LEADER_ELECTION (true/false), SWITCHYARD_LEASE_NAME,
SWITCHYARD_LEASE_DURATION_SECONDS, SWITCHYARD_OPERATOR_NAMESPACE, SWITCHYARD_TLS_CERT_FILE,
SWITCHYARD_TLS_KEY_FILE, SWITCHYARD_WEBHOOK_ENABLED (true/false), SWITCHYARD_WEBHOOK_PORT,
SWITCHYARD_TOKEN_AUDIENCE, SWITCHYARD_LOG_LEVEL (info, warn or error; debug logs as info); the
replica's identity is $SWITCHYARD_POD_NAME. The webhook reads the rest of its settings
(SWITCHYARD_WEBHOOK_CONFIGURATION, SWITCHYARD_WEBHOOK_TLS_SECRET, SWITCHYARD_SERVICE_HOSTS,
SWITCHYARD_OPERATOR_URL, SWITCHYARD_SIDECAR_*, …) from the environment as the chart sets it
(operator/src/webhook/README.md).`;

const OPTIONS = {
  kubeconfig: { type: 'string' },
  'channel-port': { type: 'string' },
  'bind-address': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'client-ca': { type: 'string' },
  'token-audience': { type: 'string' },
  'log-level': { type: 'string' },
  webhook: { type: 'boolean' },
  'webhook-port': { type: 'string' },
  'metrics-port': { type: 'string' },
  'leader-elect': { type: 'boolean' },
  namespace: { type: 'string' },
  'lease-name': { type: 'string' },
  'lease-duration': { type: 'string' },
  'renew-deadline': { type: 'string' },
  'retry-period': { type: 'string' },
  'resync-period': { type: 'string' },
  'watch-namespace': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const env = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

function seconds(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback * 1000;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`switchyard operator: --${name} must be a positive number of seconds`);
  return value * 1000;
}

function logLevel(text: string | undefined): LogLevel {
  if (text === undefined || text === 'debug') return 'info';
  if (text === 'info' || text === 'warn' || text === 'error') return text;
  throw new UsageError(`switchyard operator: --log-level must be debug, info, warn or error, not ${JSON.stringify(text)}`);
}

export interface OperatorProcess {
  readonly channelPort: number;
  readonly metricsPort: number;
  /** Undefined without --webhook. */
  readonly webhookPort: number | undefined;
  stop(): Promise<void>;
}

function webhookLogger(log: Logger): (entry: WebhookLogEntry) => void {
  return ({ msg, pod, ...fields }) => {
    const line = { ...fields, ...(pod === undefined ? {} : { pod: `${pod.namespace}/${pod.name}` }) };
    if (fields.error === undefined) log.info(msg, line);
    else log.warn(msg, line);
  };
}

interface ServingTls {
  readonly cert: Buffer | string;
  readonly key: Buffer | string;
}

/** The channel's certificate: the files given, else the webhook's self-managed one. */
function channelTls(files: readonly [Buffer, Buffer] | undefined, injector: Injector | undefined): ServingTls {
  if (files !== undefined) return { cert: files[0], key: files[1] };
  if (injector === undefined) throw new UsageError('switchyard operator: --tls-cert and --tls-key are required without --webhook');
  const { cert, key } = injector.tls();
  return { cert, key };
}

interface WebhookPlace {
  readonly operatorNamespace: string;
  readonly port: number;
  readonly host: string;
  readonly log: Logger;
}

/** The injection webhook; its other settings come from the chart's environment (webhook/README.md). */
function startWebhook(kubeConfig: KubeConfig, place: WebhookPlace, onRenew: (tls: ServingTls) => void): Promise<Injector> {
  return startInjector({
    kc: kubeConfig,
    env: { ...process.env, SWITCHYARD_OPERATOR_NAMESPACE: place.operatorNamespace, SWITCHYARD_WEBHOOK_PORT: String(place.port) },
    host: place.host,
    log: webhookLogger(place.log),
    onTlsChange: onRenew,
  });
}

/** Parses the flags and starts everything; undefined after --help. */
export async function startOperatorCommand(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<OperatorProcess | undefined> {
  const { values } = withUsageErrors('operator', () => parseArgs({ args: [...argv], options: OPTIONS, strict: true }));
  if (values.help === true) {
    write(`${HELP}\n`);
    return undefined;
  }
  const certFile = values['tls-cert'] ?? env('SWITCHYARD_TLS_CERT_FILE');
  const keyFile = values['tls-key'] ?? env('SWITCHYARD_TLS_KEY_FILE');
  const webhook = values.webhook ?? env('SWITCHYARD_WEBHOOK_ENABLED') === 'true';
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('switchyard operator: --tls-cert and --tls-key go together');
  if (certFile === undefined && !webhook) throw new UsageError('switchyard operator: --tls-cert and --tls-key are required without --webhook (whose certificate the channel serves otherwise)');
  const channelPort = parsePort('operator', values['channel-port'] ?? env('SWITCHYARD_CHANNEL_PORT'), 9443, '--channel-port');
  const metricsPort = parsePort('operator', values['metrics-port'] ?? env('SWITCHYARD_METRICS_PORT'), 9090, '--metrics-port');
  const webhookPort = parsePort('operator', values['webhook-port'] ?? env('SWITCHYARD_WEBHOOK_PORT'), 8443, '--webhook-port');
  const kubeConfig = new KubeConfig();
  if (values.kubeconfig !== undefined) kubeConfig.loadFromFile(values.kubeconfig);
  else kubeConfig.loadFromDefault();
  const log = atLevel(createLogger('operator'), logLevel(values['log-level'] ?? env('SWITCHYARD_LOG_LEVEL')));
  const audience = values['token-audience'] ?? env('SWITCHYARD_TOKEN_AUDIENCE');
  const host = values['bind-address'] ?? env('SWITCHYARD_BIND_ADDRESS') ?? '127.0.0.1';
  const leaderElect = values['leader-elect'] ?? env('SWITCHYARD_LEADER_ELECTION') === 'true';
  const operatorNamespace = values.namespace ?? env('SWITCHYARD_OPERATOR_NAMESPACE') ?? 'switchyard-system';
  const [files, clientCa] = await Promise.all([
    certFile === undefined || keyFile === undefined ? undefined : Promise.all([readFile(certFile), readFile(keyFile)]),
    values['client-ca'] === undefined ? undefined : readFile(values['client-ca']),
  ]);
  // Started first: with failurePolicy Fail, pod creation in injected namespaces fails until an
  // injector answers, and the informers' initial list can take a while.
  let operator: RunningOperator | undefined;
  const injector = webhook ? await startWebhook(kubeConfig, { operatorNamespace, port: webhookPort, host, log }, (tls) => {
    if (files !== undefined || operator === undefined) return;
    operator.updateChannelTls(tls.cert, tls.key);
    log.info('channel certificate renewed');
  }) : undefined;
  const served = channelTls(files, injector);
  try {
    operator = await startOperator({
      kubeConfig,
      identity: env('SWITCHYARD_POD_NAME') ?? `${hostname()}-${process.pid}`,
      channel: {
        host, port: channelPort, ...served, ...(clientCa === undefined ? {} : { clientCa }), ...(audience === undefined ? {} : { audience }),
      },
      leaderElection: leaderElect ? {
        namespace: operatorNamespace,
        name: values['lease-name'] ?? env('SWITCHYARD_LEASE_NAME') ?? 'switchyard-operator',
        leaseDurationMs: seconds('lease-duration', values['lease-duration'] ?? env('SWITCHYARD_LEASE_DURATION_SECONDS'), 15),
        renewDeadlineMs: seconds('renew-deadline', values['renew-deadline'], 10),
        retryPeriodMs: seconds('retry-period', values['retry-period'], 2),
      } : null,
      stateNamespace: operatorNamespace,
      ...(values['watch-namespace'] === undefined ? {} : { namespaces: values['watch-namespace'] }),
      resyncMs: seconds('resync-period', values['resync-period'], 30),
      log,
    });
  } catch (error) {
    await injector?.close();
    throw error;
  }
  // A renewal while the informers were listing found no channel server to swap into.
  const latest = injector?.tls();
  if (files === undefined && latest !== undefined && latest.cert !== served.cert) operator.updateChannelTls(latest.cert, latest.key);
  const running = operator;
  const metrics = await startMetricsServer(host, metricsPort, running.metrics.registry, () => running.notReady());
  return {
    channelPort: running.channelPort,
    metricsPort: metrics.port,
    webhookPort: injector?.port,
    stop: async () => {
      await Promise.all([running.stop(), metrics.close(), injector?.close()]);
    },
  };
}

/** `switchyard operator`: runs until SIGINT or SIGTERM. */
export async function runOperator(argv: readonly string[]): Promise<number | undefined> {
  const running = await startOperatorCommand(argv);
  if (running === undefined) return 0;
  const stop = (): void => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}
