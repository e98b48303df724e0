// What the sidecar does with one snapshot: refuse an older revision (a replay), accept the one it
// already runs as a repeat, else hand it to the holder (validate, build, swap, persist). The
// answer is the ack or nack frame to send.
import type { ConfigHolder } from '../config/holder.js';
import type { SidecarFrame, SnapshotFrame } from '@switchyard/contract';

export async function applySnapshot(holder: ConfigHolder, frame: SnapshotFrame): Promise<SidecarFrame> {
  const { revision, version } = frame;
  const running = holder.current;
  if (running !== null && revision === running.revision && version === running.version) {
    // The operator resends what the sidecar runs after every reconnect.
    return { type: 'ack', revision, version };
  }
  if (running !== null && revision <= running.revision) {
    return { type: 'nack', revision, version, reason: 'Stale', message: `revision ${revision} is not newer than the running ${running.revision}` };
  }
  const declared = typeof frame.config === 'object' && frame.config !== null ? (frame.config as { version?: unknown }).version : undefined;
  if (declared !== version) {
    return { type: 'nack', revision, version, reason: 'SchemaInvalid', message: `frame version ${version} differs from the config's ${String(declared)}` };
  }
  const outcome = await holder.load(frame.config, frame.credentials, revision);
  if (outcome.ok) return { type: 'ack', revision, version };
  return { type: 'nack', revision, version, reason: outcome.reason, message: outcome.errors.join('; ').slice(0, 4096) };
}
