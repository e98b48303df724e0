// The channel's frames as the sidecar sees them (docs/design/channel.md). Operator frames are
// narrowed from unknown JSON; a frame that is not one of them ends the stream.

export interface SnapshotFrame {
  readonly type: 'snapshot';
  readonly revision: number;
  readonly version: string;
  readonly config: unknown;
  readonly credentials: Readonly<Record<string, string>>;
}

export type OperatorFrame = SnapshotFrame | { readonly type: 'ping' } | { readonly type: 'usage-ack'; readonly seq: number };

export type SidecarFrame =
  | { readonly type: 'hello'; readonly pod: string; readonly revision: number | null; readonly version: string | null }
  | { readonly type: 'ack'; readonly revision: number; readonly version: string }
  | { readonly type: 'nack'; readonly revision: number; readonly version: string; readonly reason: string; readonly message: string };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function credentialsOf(value: unknown): Record<string, string> | undefined {
  const entries = record(value);
  if (entries === undefined) return undefined;
  return Object.values(entries).every((entry) => typeof entry === 'string') ? (entries as Record<string, string>) : undefined;
}

export function parseOperatorFrame(line: string): OperatorFrame | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  const frame = record(parsed);
  switch (frame?.['type']) {
    case 'ping':
      return { type: 'ping' };
    case 'usage-ack':
      return typeof frame['seq'] === 'number' ? { type: 'usage-ack', seq: frame['seq'] } : undefined;
    case 'snapshot': {
      const { revision, version, config } = frame;
      const credentials = credentialsOf(frame['credentials'] ?? {});
      if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || typeof version !== 'string' || credentials === undefined) return undefined;
      return { type: 'snapshot', revision, version, config, credentials };
    }
    default:
      return undefined;
  }
}

export function encodeFrame(frame: SidecarFrame): string {
  return `${JSON.stringify(frame)}\n`;
}
