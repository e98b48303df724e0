// A running sidecar: the config holder and the HTTP server around it. Config arrives later
// (operator channel, standalone files, last good config) through `holder.load`.

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigHolder } from '../config/holder.js';
import { createLogger, type Logger } from '../metrics/log.js';
import { collectProcessMetrics } from '../metrics/registry.js';
import { resilienceMetrics } from '../metrics/resilience.js';
import { canaryProbe } from '../pipeline/canary.js';
import { Resilience, type ResilienceOptions } from '../resilience/index.js';
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
}

export interface Sidecar {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly holder: ConfigHolder;
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
  const server = createHttpServer({ limits, log, currentRuntime: () => holder.current });
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? DEFAULT_PORT, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    holder,
    close: async (graceMs = 10_000) => {
      await closeServer(server, graceMs);
      await holder.close();
    },
  };
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
