// The channel's frames (docs/design/channel.md). Incoming frames are narrowed from unknown JSON;
// anything else is a protocol error that closes the stream.
import type { SidecarConfig } from '@switchyard/contract';

export interface SnapshotFrame {
  readonly type: 'snapshot';
  readonly revision: number;
  readonly version: string;
  readonly config: SidecarConfig;
  readonly credentials: Readonly<Record<string, string>>;
}

export type OperatorFrame = SnapshotFrame | { readonly type: 'ping' } | { readonly type: 'usage-ack'; readonly seq: number };

export type SidecarFrame =
  | { readonly type: 'hello'; readonly pod: string; readonly revision: number | null; readonly version: string | null }
  | { readonly type: 'ack'; readonly revision: number; readonly version: string }
  | { readonly type: 'nack'; readonly revision: number; readonly version: string; readonly reason: string; readonly message: string }
  | { readonly type: 'usage'; readonly seq: number; readonly records: readonly unknown[] }
  | { readonly type: 'health'; readonly endpoints: readonly unknown[] };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isText = (value: unknown, max = 4096): value is string => typeof value === 'string' && value.length <= max;

/** Undefined for anything that is not a well-formed sidecar frame. */
export function parseSidecarFrame(line: string): SidecarFrame | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  const frame = record(parsed);
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
    case 'usage':
      return isInt(frame['seq']) && Array.isArray(frame['records']) ? { type: 'usage', seq: frame['seq'], records: frame['records'] } : undefined;
    case 'health':
      return Array.isArray(frame['endpoints']) ? { type: 'health', endpoints: frame['endpoints'] } : undefined;
    default:
      return undefined;
  }
}

export function encodeFrame(frame: OperatorFrame): string {
  return `${JSON.stringify(frame)}\n`;
}
