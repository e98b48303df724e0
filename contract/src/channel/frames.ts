// The config channel's frames (docs/design/channel.md): one definition for both ends of the
// wire. Incoming frames are narrowed from unknown JSON; anything else is a protocol error that
// the receiver answers by closing the stream. A snapshot's config stays `unknown` on the wire:
// the sidecar validates it against the config schema before it trusts a byte of it.

import { parseHealthReports, type EndpointHealthReport } from './endpoint-health.js';
import { parseVariantStats, type VariantStats } from './experiment-stats.js';

export interface SnapshotFrame<Config = unknown> {
  readonly type: 'snapshot';
  readonly revision: number;
  readonly version: string;
  readonly config: Config;
  readonly credentials: Readonly<Record<string, string>>;
}

/** A budget's allowance for this sidecar: the answer to an ask, or news of a new window or action. */
export interface AllowanceFrame {
  readonly type: 'allowance';
  readonly budget: string;
  readonly window: string;
  /** Cumulative micro-USD granted to this sidecar process in the window. */
  readonly granted: number;
  /** What the operator can still grant to anyone in the window. */
  readonly remaining: number;
  /** A downgrade threshold was crossed: requests under the budget go to the cheapest eligible target. */
  readonly action: 'none' | 'downgrade';
}

/** Reserved or prepaid quota left per endpoint in its current cycle, across all sidecars. */
export interface QuotaFrame {
  readonly type: 'quota';
  readonly endpoints: readonly { readonly id: string; readonly window: string; readonly remainingMicroUsd: number }[];
}

export type OperatorFrame<Config = unknown> =
  | SnapshotFrame<Config>
  | { readonly type: 'ping' }
  | { readonly type: 'usage-ack'; readonly seq: number; readonly source?: string }
  | AllowanceFrame
  | QuotaFrame;

export type SidecarFrame =
  | { readonly type: 'hello'; readonly pod: string; readonly revision: number | null; readonly version: string | null }
  | { readonly type: 'ack'; readonly revision: number; readonly version: string }
  | { readonly type: 'nack'; readonly revision: number; readonly version: string; readonly reason: string; readonly message: string }
  | { readonly type: 'usage'; readonly seq: number; readonly records: readonly unknown[]; readonly source?: string }
  | { readonly type: 'allowance-ask'; readonly source: string; readonly budget: string; readonly window: string; readonly need: number; readonly extra: number }
  | { readonly type: 'health'; readonly endpoints: readonly EndpointHealthReport[] }
  | { readonly type: 'experiments'; readonly stats: readonly VariantStats[] };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return record(JSON.parse(line));
  } catch {
    return undefined;
  }
}

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isText = (value: unknown, max = 4096): value is string => typeof value === 'string' && value.length <= max;

function credentialsOf(value: unknown): Record<string, string> | undefined {
  const entries = record(value);
  if (entries === undefined) return undefined;
  return Object.values(entries).every((entry) => typeof entry === 'string') ? (entries as Record<string, string>) : undefined;
}

/** Undefined for anything that is not a well-formed sidecar frame. */
export function parseSidecarFrame(line: string): SidecarFrame | undefined {
  const frame = parseJson(line);
  switch (frame?.['type']) {
    case 'hello': {
      const revision = frame['revision'] ?? null;
      const version = frame['version'] ?? null;
      if (!isText(frame['pod'], 320) || (revision !== null && !isInt(revision)) || (version !== null && !isText(version, 128))) return undefined;
      return { type: 'hello', pod: frame['pod'], revision, version };
    }
    case 'ack':
      return isInt(frame['revision']) && isText(frame['version'], 128) ? { type: 'ack', revision: frame['revision'], version: frame['version'] } : undefined;
    case 'nack':
      if (!isInt(frame['revision']) || !isText(frame['version'], 128) || !isText(frame['reason'], 128) || !isText(frame['message'], 8192)) return undefined;
      return { type: 'nack', revision: frame['revision'], version: frame['version'], reason: frame['reason'], message: frame['message'] };
    case 'usage': {
      const source = frame['source'];
      if (!isInt(frame['seq']) || !Array.isArray(frame['records']) || (source !== undefined && !isText(source, 400))) return undefined;
      return { type: 'usage', seq: frame['seq'], records: frame['records'], ...(source === undefined ? {} : { source }) };
    }
    case 'allowance-ask': {
      const { source, budget, window, need, extra } = frame;
      if (!isText(source, 400) || !isText(budget, 253) || !isText(window, 32) || !isInt(need) || !isInt(extra)) return undefined;
      return { type: 'allowance-ask', source, budget, window, need, extra };
    }
    case 'health': {
      const endpoints = parseHealthReports(frame['endpoints']);
      return endpoints === undefined ? undefined : { type: 'health', endpoints };
    }
    case 'experiments': {
      const stats = parseVariantStats(frame['stats']);
      return stats === undefined ? undefined : { type: 'experiments', stats };
    }
    default:
      return undefined;
  }
}

function allowanceOf(frame: Record<string, unknown>): AllowanceFrame | undefined {
  const { budget, window, granted, remaining, action } = frame;
  if (!isText(budget, 253) || !isText(window, 32) || !isInt(granted) || !isInt(remaining)) return undefined;
  if (action !== 'none' && action !== 'downgrade') return undefined;
  return { type: 'allowance', budget, window, granted, remaining, action };
}

function quotaOf(frame: Record<string, unknown>): QuotaFrame | undefined {
  const endpoints = frame['endpoints'];
  if (!Array.isArray(endpoints) || endpoints.length > 1024) return undefined;
  const parsed = endpoints.map((item: unknown) => {
    const entry = record(item);
    const { id, window, remainingMicroUsd } = entry ?? {};
    return isText(id, 600) && isText(window, 32) && isInt(remainingMicroUsd) ? { id, window, remainingMicroUsd } : undefined;
  });
  return parsed.every((entry) => entry !== undefined) ? { type: 'quota', endpoints: parsed } : undefined;
}

/** Undefined for anything that is not a well-formed operator frame. */
export function parseOperatorFrame(line: string): OperatorFrame | undefined {
  const frame = parseJson(line);
  switch (frame?.['type']) {
    case 'ping':
      return { type: 'ping' };
    case 'usage-ack': {
      const source = frame['source'];
      if (!isInt(frame['seq']) || (source !== undefined && !isText(source, 400))) return undefined;
      return { type: 'usage-ack', seq: frame['seq'], ...(source === undefined ? {} : { source }) };
    }
    case 'allowance':
      return allowanceOf(frame);
    case 'quota':
      return quotaOf(frame);
    case 'snapshot': {
      const { revision, version, config } = frame;
      const credentials = credentialsOf(frame['credentials'] ?? {});
      if (!isInt(revision) || !isText(version, 128) || credentials === undefined) return undefined;
      return { type: 'snapshot', revision, version, config, credentials };
    }
    default:
      return undefined;
  }
}

/** One NDJSON line. */
export function encodeFrame(frame: OperatorFrame | SidecarFrame): string {
  return `${JSON.stringify(frame)}\n`;
}
