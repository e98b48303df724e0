// @switchyard/operator: the control plane. Entry points for the CLI and tests.
export { startOperator, type OperatorOptions, type RunningOperator, type LeaderElectionOptions } from './operator.js';
export { runOperator, startOperatorCommand, type OperatorProcess } from './commands/operator.js';
export { runProxyStatus } from './commands/proxy-status.js';
export type { SidecarReport, SyncState } from './channel/report.js';
