// `switchyard sidecar --operator-url U --ca-file F --token-file T --pod ns/name --state-dir D
// --admin-port N`: serve the data plane, restore the last good config, and take config from the
// operator's channel. Not ready (503) until a config is loaded.
import { budgetPublisher } from '../budget/channel.js';
import { BudgetKeeper } from '../budget/keeper.js';
import { bindKeeper } from '../budget/registry.js';
import type { Resilience } from '../resilience/index.js';
import { experimentPublisher, ExperimentRecorder } from '../experiments/index.js';
import { installCrashGuard } from '../http/crash-guard.js';
import { startServer, type Sidecar } from '../http/start.js';
import { createLogger, type Logger } from '../metrics/log.js';
import { startChannelClient, type ChannelClient } from './client.js';
import { restoreLastGood } from './restore.js';
import { healthPublisher } from './health-report.js';

export interface ClusterSidecarOptions {
  readonly operatorUrl: string;
  readonly caFile: string;
  readonly tokenFile: string;
  /** `<namespace>/<pod>`, from the downward API. */
  readonly pod: string;
  readonly stateDir?: string | undefined;
  readonly host?: string;
  readonly port?: number;
  /** Probes and metrics for the kubelet; none means they are served on the data-plane port only. */
  readonly adminPort?: number;
  /** Default 0.0.0.0. */
  readonly adminHost?: string;
  readonly log?: Logger;
  /** Install SIGINT/SIGTERM handlers and the crash guard (the CLI does; tests do not). */
  readonly handleSignals?: boolean;
  /** Least time between two experiment reports to the operator; default 5 s. */
  readonly experimentFrameMs?: number;
}

export interface ClusterSidecar {
  readonly sidecar: Sidecar;
  readonly channel: ChannelClient;
  readonly experiments: ExperimentRecorder;
  /** Budget allowances and the usage outbox of this sidecar. */
  readonly budget: BudgetKeeper;
  close(graceMs?: number): Promise<void>;
}

export async function runClusterSidecar(options: ClusterSidecarOptions): Promise<ClusterSidecar> {
  const log = options.log ?? createLogger();
  if (options.handleSignals === true) installCrashGuard(log);
  const experiments = new ExperimentRecorder({ log });
  const sidecar = await startServer({
    log,
    onFinished: [experiments.listener],
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.stateDir === undefined ? {} : { stateDir: options.stateDir }),
    ...(options.adminPort === undefined ? {} : { adminPort: options.adminPort }),
    ...(options.adminHost === undefined ? {} : { adminHost: options.adminHost }),
  });
  // Bound before any config loads: every request of this sidecar reserves from the operator's grants.
  const budget = new BudgetKeeper({ mode: 'operator', pod: options.pod });
  bindKeeper(resilienceOf(sidecar), budget);
  log.info('sidecar listening', { url: sidecar.url, admin: sidecar.admin?.url ?? null, operator: options.operatorUrl, pod: options.pod });
  // Serve the last good config at once; credentials arrive with the operator's snapshot.
  if (options.stateDir !== undefined) await restoreLastGood(sidecar.holder, options.stateDir, log);
  const channel = startChannelClient({
    operatorUrl: options.operatorUrl,
    caFile: options.caFile,
    tokenFile: options.tokenFile,
    pod: options.pod,
    holder: sidecar.holder,
    log,
    ...(options.stateDir === undefined ? {} : { stateDir: options.stateDir }),
    onOperatorFrame: (frame) => budget.onFrame(frame),
    publishers: [budgetPublisher(budget), experimentPublisher(experiments.stats, options.experimentFrameMs), healthPublisher(sidecar.endpointHealth, () => sidecar.holder.current)],
  });
  const close = async (graceMs?: number): Promise<void> => {
    await channel.stop();
    await sidecar.close(graceMs);
    experiments.close();
    budget.close();
  };
  if (options.handleSignals === true) {
    const stop = (): void => void close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return { sidecar, channel, experiments, budget, close };
}

/** The sidecar's Resilience identifies it across config swaps (budget/registry.ts); the holder keeps it private. */
function resilienceOf(sidecar: Sidecar): Resilience {
  return sidecar.holder['resilience'];
}
