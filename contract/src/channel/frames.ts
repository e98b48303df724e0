// The config channel's frames (docs/design/channel.md): one definition for both ends of the
// wire. Incoming frames are narrowed from unknown JSON; anything else is a protocol error that
// the receiver answers by closing the stream. A snapshot's config stays `unknown` on the wire:
// the sidecar validates it against the config schema before it trusts a byte of it.

export interface SnapshotFrame<Config = unknown> {
  readonly type: 'snapshot';
  readonly revision: number;
  readonly version: string;
  readonly config: Config;
  readonly credentials: Readonly<Record<string, string>>;
}

export type OperatorFrame<Config = unknown> =
  | SnapshotFrame<Config>
  | { readonly type: 'ping' }
  | { readonly type: 'usage-ack'; readonly seq: number };

export type SidecarFrame =
  | { readonly type: 'hello'; readonly pod: string; readonly revision: number | null; readonly version: string | null }
  | { readonly type: 'ack'; readonly revision: number; readonly version: string }
  | { readonly type: 'nack'; readonly revision: number; readonly version: string; readonly reason: string; readonly message: string }
  | { readonly type: 'usage'; readonly seq: number; readonly records: readonly unknown[] }
  | { readonly type: 'health'; readonly endpoints: readonly unknown[] };

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
    case 'usage':
      return isInt(frame['seq']) && Array.isArray(frame['records']) ? { type: 'usage', seq: frame['seq'], records: frame['records'] } : undefined;
    case 'health':
      return Array.isArray(frame['endpoints']) ? { type: 'health', endpoints: frame['endpoints'] } : undefined;
    default:
      return undefined;
  }
}

/** Undefined for anything that is not a well-formed operator frame. */
export function parseOperatorFrame(line: string): OperatorFrame | undefined {
  const frame = parseJson(line);
  switch (frame?.['type']) {
    case 'ping':
      return { type: 'ping' };
    case 'usage-ack':
      return isInt(frame['seq']) ? { type: 'usage-ack', seq: frame['seq'] } : undefined;
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
