// A running sidecar: the config holder and the HTTP server around it. Config arrives later
// (operator channel, standalone files, last good config) through `holder.load`. In a pod the
// data plane is loopback-only, so an optional admin listener serves the probes and metrics
// (same holder, same readiness) on an address the kubelet can reach.

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigHolder } from '../config/holder.js';
import type { Runtime } from '../config/runtime.js';
import { createLogger, type Logger } from '../metrics/log.js';
import { collectProcessMetrics } from '../metrics/registry.js';
import { resilienceMetrics } from '../metrics/resilience.js';
import { canaryProbe } from '../pipeline/canary.js';
import { Resilience, type ResilienceOptions } from '../resilience/index.js';
import { adminRouteOf } from './routes.js';
import type { FinishListener } from './finish.js';
import { createHttpServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from './server.js';

export interface ServerOptions {
  /** Default 127.0.0.1: the app talks to its sidecar over loopback. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  readonly limits?: Partial<HttpLimits>;
  /** Where the last good config is persisted; none means it is not. */
  readonly stateDir?: string;
  readonly log?: Logger;
  /** Clock, timers, randomness and metrics hooks of the retry layer; tests inject their own. */
  readonly resilience?: Omit<ResilienceOptions, 'probe'>;
  /** Serve /healthz, /readyz and /metrics (only) on this port too; none means no admin listener. */
  readonly adminPort?: number;
  /** Default 0.0.0.0: kubelet probes arrive on the pod IP, not on loopback. */
  readonly adminHost?: string;
  /** Told about every data-plane request once its response is done (usage, logs, experiments). */
  readonly onFinished?: readonly FinishListener[];
}

export interface ListenerAddress {
  readonly url: string;
  readonly host: string;
  readonly port: number;
}

export interface Sidecar {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly holder: ConfigHolder;
  /** The admin listener, when `adminPort` was given. */
  readonly admin?: ListenerAddress;
  /** Stops accepting, lets running requests finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_PORT = 8080;

/** @example const sidecar = await startServer({ port: 0 }); await sidecar.holder.load(config, credentials, 1); */
export async function startServer(options: ServerOptions = {}): Promise<Sidecar> {
  const log = options.log ?? createLogger();
  const resilience = new Resilience({
    events: resilienceMetrics,
    ...options.resilience,
    probe: canaryProbe(() => holder.current),
  });
  const holder: ConfigHolder = new ConfigHolder({ log, stateDir: options.stateDir, resilience });
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  collectProcessMetrics();
  const currentRuntime = (): Runtime | null => holder.current;
  const server = createHttpServer({ limits, log, currentRuntime, onFinished: options.onFinished ?? [] });
  const main = await listen(server, options.host ?? '127.0.0.1', options.port ?? DEFAULT_PORT);
  const adminServer = options.adminPort === undefined ? undefined : createHttpServer({ limits, log, currentRuntime, route: adminRouteOf });
  let admin: ListenerAddress | undefined;
  try {
    admin = adminServer === undefined ? undefined : await listen(adminServer, options.adminHost ?? '0.0.0.0', options.adminPort ?? 0);
  } catch (error) {
    await closeServer(server, 0);
    await holder.close();
    throw error;
  }
  return {
    ...main,
    holder,
    ...(admin === undefined ? {} : { admin }),
    close: async (graceMs = 10_000) => {
      await Promise.all([closeServer(server, graceMs), adminServer === undefined ? undefined : closeServer(adminServer, graceMs)]);
      await holder.close();
    },
  };
}

async function listen(server: Server, host: string, port: number): Promise<ListenerAddress> {
  server.listen(port, host);
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${bound}`, host, port: bound };
}

async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(timer);
  }
}
