// `switchyard sidecar --operator-url U --ca-file F --token-file T --pod ns/name --state-dir D
// --admin-port N`: serve the data plane, restore the last good config, and take config from the
// operator's channel. Not ready (503) until a config is loaded.
import { installCrashGuard } from '../http/crash-guard.js';
import { startServer, type Sidecar } from '../http/start.js';
import { createLogger, type Logger } from '../metrics/log.js';
import { startChannelClient, type ChannelClient } from './client.js';
import { restoreLastGood } from './restore.js';

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
}

export interface ClusterSidecar {
  readonly sidecar: Sidecar;
  readonly channel: ChannelClient;
  close(graceMs?: number): Promise<void>;
}

export async function runClusterSidecar(options: ClusterSidecarOptions): Promise<ClusterSidecar> {
  const log = options.log ?? createLogger();
  if (options.handleSignals === true) installCrashGuard(log);
  const sidecar = await startServer({
    log,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.stateDir === undefined ? {} : { stateDir: options.stateDir }),
    ...(options.adminPort === undefined ? {} : { adminPort: options.adminPort }),
    ...(options.adminHost === undefined ? {} : { adminHost: options.adminHost }),
  });
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
  });
  const close = async (graceMs?: number): Promise<void> => {
    await channel.stop();
    await sidecar.close(graceMs);
  };
  if (options.handleSignals === true) {
    const stop = (): void => void close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return { sidecar, channel, close };
}
