// Sharing sidecar state between replicas. A sidecar may be connected to any replica, but only the
// leader writes status, so each replica publishes the table of its connected sidecars as a
// ConfigMap (as istiod's distribution reports do), refreshed on change (throttled) and on a
// heartbeat; the leader reads the others' through an informer and merges them into its hub.
import { createHash } from 'node:crypto';
import { parseHealthReports, parseVariantStats, type EndpointHealthReport, type VariantStats } from '@switchyard/contract';
import type { KubePort } from '../kube/port.js';
import type { SidecarHub, SidecarState } from './hub.js';

export const REPORT_LABEL = 'switchyard.dev/sidecar-report';
const IDENTITY_ANNOTATION = 'switchyard.dev/replica';
const RENEWED_ANNOTATION = 'switchyard.dev/renewed';
const DATA_KEY = 'sidecars.json';

interface WireState {
  namespace: string;
  pod: string;
  connectedAt: string | null;
  version: string | null;
  revision: number | null;
  lastNack: SidecarState['lastNack'];
  health?: readonly EndpointHealthReport[];
  experiments?: readonly VariantStats[];
}

export function reportName(identity: string): string {
  return `switchyard-sidecars-${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
}

export function encodeReport(states: readonly SidecarState[]): string {
  const wire: WireState[] = states.map((state) => ({
    namespace: state.namespace, pod: state.pod, connectedAt: state.connectedAt?.toISOString() ?? null,
    version: state.version, revision: state.revision, lastNack: state.lastNack,
    ...(state.health === undefined ? {} : { health: state.health }),
    ...(state.experiments === undefined ? {} : { experiments: state.experiments }),
  }));
  return JSON.stringify(wire);
}

export function decodeReport(text: string | undefined): SidecarState[] {
  if (text === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return (parsed as WireState[]).filter((entry) => typeof entry?.namespace === 'string' && typeof entry.pod === 'string').map((entry) => ({
      namespace: entry.namespace, pod: entry.pod, connected: true,
      connectedAt: entry.connectedAt === null ? null : new Date(entry.connectedAt),
      version: entry.version ?? null, revision: entry.revision ?? null, lastNack: entry.lastNack ?? null,
      ...healthOf(entry.health),
      ...experimentsOf(entry.experiments),
    }));
  } catch {
    return [];
  }
}

function healthOf(value: unknown): { health?: EndpointHealthReport[] } {
  const health = value === undefined ? undefined : parseHealthReports(value);
  return health === undefined ? {} : { health };
}

function experimentsOf(value: unknown): { experiments?: VariantStats[] } {
  const experiments = value === undefined ? undefined : parseVariantStats(value);
  return experiments === undefined ? {} : { experiments };
}

export interface ReportedConfigMap {
  readonly annotations: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, string>>;
}

/** Other replicas' sidecars from their ConfigMaps, ignoring this replica's and stale ones. */
export function remoteStates(configMaps: readonly ReportedConfigMap[], identity: string, now: number, staleMs: number): SidecarState[] {
  return configMaps
    .filter((cm) => cm.annotations[IDENTITY_ANNOTATION] !== identity)
    .filter((cm) => now - Date.parse(cm.annotations[RENEWED_ANNOTATION] ?? '') < staleMs)
    .flatMap((cm) => decodeReport(cm.data[DATA_KEY]));
}

export class ReportPublisher {
  private timer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private last = '';
  private stopped = false;

  constructor(
    private readonly port: KubePort,
    private readonly hub: SidecarHub,
    private readonly options: { namespace: string; identity: string; throttleMs?: number; heartbeatMs?: number; onError?: (error: unknown) => void },
  ) {
    this.heartbeat = setInterval(() => void this.write(true), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  /** A sidecar's state changed here; write soon. */
  changed(): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write(false);
    }, this.options.throttleMs ?? 200);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    await this.port.deleteConfigMap(this.options.namespace, reportName(this.options.identity)).catch((error: unknown) => this.options.onError?.(error));
  }

  private async write(force: boolean): Promise<void> {
    if (this.stopped) return;
    const body = encodeReport(this.hub.connectedStates());
    if (!force && body === this.last) return;
    this.last = body;
    await this.port.applyConfigMap({
      namespace: this.options.namespace,
      name: reportName(this.options.identity),
      labels: { [REPORT_LABEL]: 'true' },
      annotations: { [IDENTITY_ANNOTATION]: this.options.identity, [RENEWED_ANNOTATION]: new Date().toISOString() },
      data: { [DATA_KEY]: body },
    }).catch((error: unknown) => {
      this.last = '';
      this.options.onError?.(error);
    });
  }
}
