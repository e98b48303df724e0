// A running sidecar: the config holder and the HTTP server around it. Config arrives later
// (operator channel, standalone files, last good config) through `holder.load`. In a pod the
// data plane is loopback-only, so an optional admin listener serves the probes and metrics
// (same holder, same readiness) on an address the kubelet can reach.

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { ConfigHolder } from '../config/holder.js';
import type { Runtime } from '../config/runtime.js';
import { createRequestLog, type RequestLogOptions } from '../logging/index.js';
import { createLogger, type Logger } from '../metrics/log.js';
import { EndpointHealthBoard } from '../channel/health-report.js';
import { collectProcessMetrics } from '../metrics/registry.js';
import { recordExchangeMetrics } from '../metrics/requests.js';
import { resilienceMetrics } from '../metrics/resilience.js';
import { metricsEnabled, requestLogEnabled } from '../metrics/switch.js';
import { canaryProbe } from '../pipeline/canary.js';
import { combineEvents, Resilience, type ResilienceEvents, type ResilienceOptions } from '../resilience/index.js';
import { capturedContent, tapContent } from '../tracing/content.js';
import { startSpanExport } from '../tracing/export.js';
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
  /** One JSON line per request through `log`, and sampled full records (docs/security.md); false: off. */
  readonly requestLog?: RequestLogOptions | false;
  /** Name resolution for upstream connections; default dns.lookup. Tests map names to local servers. */
  readonly upstreamLookup?: LookupFunction;
  /**
   * Where SWITCHYARD_METRICS (off: no per-request metrics), SWITCHYARD_REQUEST_LOG (off: no request
   * log line) and the OTEL_* span export settings are read; default process.env.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
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
  /** Endpoint health as passive health and canaries see it, for the operator's health frames. */
  readonly endpointHealth: EndpointHealthBoard;
  /** Stops accepting, lets running requests finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_PORT = 8080;

/** @example const sidecar = await startServer({ port: 0 }); await sidecar.holder.load(config, credentials, 1); */
export async function startServer(options: ServerOptions = {}): Promise<Sidecar> {
  const log = options.log ?? createLogger();
  const env = options.env ?? process.env;
  const metered = metricsEnabled(env);
  const endpointHealth = new EndpointHealthBoard();
  const events: ResilienceEvents[] = [...(metered ? [resilienceMetrics] : []), endpointHealth.events];
  if (options.resilience?.events !== undefined) events.push(options.resilience.events);
  const resilience = new Resilience({
    ...options.resilience,
    events: combineEvents(events),
    probe: canaryProbe(() => holder.current),
  });
  const holder: ConfigHolder = new ConfigHolder({ log, stateDir: options.stateDir, resilience, upstreamLookup: options.upstreamLookup });
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  collectProcessMetrics();
  const currentRuntime = (): Runtime | null => holder.current;
  const spans = startSpanExport(env, log, capturedContent);
  const onFinished = [...(metered ? [recordExchangeMetrics] : []), ...(spans === null ? [] : [spans.listener]), ...(options.onFinished ?? [])];
  const requestLog = options.requestLog === false || !requestLogEnabled(env) ? null : createRequestLog(log, { sampleFile: env['SWITCHYARD_SAMPLE_LOG_FILE'], ...options.requestLog });
  if (requestLog !== null) onFinished.push(requestLog.finish);
  const onStarted = requestLog === null ? [] : [requestLog.begin];
  if (spans?.settings.captureContent === true) onStarted.push(tapContent);
  const server = createHttpServer({ limits, log, currentRuntime, onFinished, onStarted });
  const main = await listen(server, options.host ?? '127.0.0.1', options.port ?? DEFAULT_PORT);
  const adminServer = options.adminPort === undefined ? undefined : createHttpServer({ limits, log, currentRuntime, route: adminRouteOf });
  let admin: ListenerAddress | undefined;
  try {
    admin = adminServer === undefined ? undefined : await listen(adminServer, options.adminHost ?? '0.0.0.0', options.adminPort ?? 0);
  } catch (error) {
    await closeServer(server, 0);
    await holder.close();
    await spans?.close();
    await requestLog?.close();
    throw error;
  }
  return {
    ...main,
    holder,
    endpointHealth,
    ...(admin === undefined ? {} : { admin }),
    close: async (graceMs = 10_000) => {
      await Promise.all([closeServer(server, graceMs), adminServer === undefined ? undefined : closeServer(adminServer, graceMs)]);
      await holder.close();
      await spans?.close();
      await requestLog?.close();
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
