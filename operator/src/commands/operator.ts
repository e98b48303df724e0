// switchyard operator: the control plane. Watches the three kinds and sidecar pods, compiles,
// serves the config channel, writes status when it leads.
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { parsePort, UsageError, withUsageErrors } from '../cli/usage.js';
import { createLogger } from '../log.js';
import { startMetricsServer } from '../metrics-server.js';
import { startOperator } from '../operator.js';

export const HELP = `usage: switchyard operator --tls-cert F --tls-key F [flags]

  --kubeconfig F          kubeconfig (default: $KUBECONFIG, else in-cluster config)
  --channel-port N        config channel port, HTTP/2 over TLS (default 9443)
  --bind-address A        address for the channel and metrics ports (default 127.0.0.1;
                          the chart sets 0.0.0.0)
  --tls-cert F, --tls-key F   serving certificate of the channel
  --client-ca F           CA whose client certificates may read /v1/sidecars (proxy-status)
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
SWITCHYARD_TLS_KEY_FILE; the replica's identity is $SWITCHYARD_POD_NAME.`;

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

export interface OperatorProcess {
  readonly channelPort: number;
  readonly metricsPort: number;
  stop(): Promise<void>;
}

/** Parses the flags and starts everything; undefined after --help. */
export async function startOperatorCommand(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<OperatorProcess | undefined> {
  const { values } = withUsageErrors('operator', () => parseArgs({
    args: [...argv],
    options: {
      kubeconfig: { type: 'string' },
      'channel-port': { type: 'string' },
      'bind-address': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'client-ca': { type: 'string' },
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
    },
    strict: true,
  }));
  if (values.help === true) {
    write(`${HELP}\n`);
    return undefined;
  }
  const certFile = values['tls-cert'] ?? env('SWITCHYARD_TLS_CERT_FILE');
  const keyFile = values['tls-key'] ?? env('SWITCHYARD_TLS_KEY_FILE');
  if (certFile === undefined || keyFile === undefined) throw new UsageError('switchyard operator: --tls-cert and --tls-key are required');
  const kubeConfig = new KubeConfig();
  if (values.kubeconfig !== undefined) kubeConfig.loadFromFile(values.kubeconfig);
  else kubeConfig.loadFromDefault();
  const log = createLogger('operator');
  const host = values['bind-address'] ?? env('SWITCHYARD_BIND_ADDRESS') ?? '127.0.0.1';
  const leaderElect = values['leader-elect'] ?? env('SWITCHYARD_LEADER_ELECTION') === 'true';
  const operatorNamespace = values.namespace ?? env('SWITCHYARD_OPERATOR_NAMESPACE') ?? 'switchyard-system';
  const [cert, key, clientCa] = await Promise.all([
    readFile(certFile), readFile(keyFile), values['client-ca'] === undefined ? undefined : readFile(values['client-ca']),
  ]);
  const operator = await startOperator({
    kubeConfig,
    identity: env('SWITCHYARD_POD_NAME') ?? `${hostname()}-${process.pid}`,
    channel: {
      host, port: parsePort('operator', values['channel-port'] ?? env('SWITCHYARD_CHANNEL_PORT'), 9443), cert, key, ...(clientCa === undefined ? {} : { clientCa }),
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
  const metrics = await startMetricsServer(host, parsePort('operator', values['metrics-port'] ?? env('SWITCHYARD_METRICS_PORT'), 9090), operator.metrics.registry, () => operator.notReady());
  return {
    channelPort: operator.channelPort,
    metricsPort: metrics.port,
    stop: async () => {
      await Promise.all([operator.stop(), metrics.close()]);
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
