// The operator's view of the channel frames defined in the contract: its snapshots carry a
// compiled config it built itself, so their config is typed.
import type { OperatorFrame as WireOperatorFrame, SidecarConfig, SnapshotFrame as WireSnapshotFrame } from '@switchyard/contract';

export type SnapshotFrame = WireSnapshotFrame<SidecarConfig>;
export type OperatorFrame = WireOperatorFrame<SidecarConfig>;
export { encodeFrame, parseSidecarFrame, type SidecarFrame } from '@switchyard/contract';
