// @switchyard/sidecar: the data plane. Entry points for the CLI, tests and the operator channel.
export { startSidecar, ConfigRefusedError, type StartOptions, type StandaloneSidecar, type ReloadOutcome } from './standalone/start.js';
export { runStandalone, type StandaloneArgs, type Console } from './standalone/run.js';
export { compileFiles, describeFinding, isServable, type CompiledFiles, type CompileFilesOptions } from './standalone/compile-files.js';
export { envNameFor, type Env } from './standalone/secrets.js';
export { startServer, DEFAULT_PORT, type ServerOptions, type Sidecar, type ListenerAddress } from './http/start.js';
export { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http/server.js';
export { installCrashGuard } from './http/crash-guard.js';
export { ConfigHolder, type LoadOutcome, type RejectReason } from './config/holder.js';
export { buildRuntime, type Runtime } from './config/runtime.js';
export { credentialKey, type Credentials } from './config/credentials.js';
export { loadLastGood, saveLastGood, type LastGood } from './config/last-good.js';
export { createLogger, silentLogger, type Logger } from './metrics/log.js';
export { startChannelClient, type ChannelClient, type ChannelClientOptions, type ChannelStatus } from './channel/client.js';
export { runClusterSidecar, type ClusterSidecar, type ClusterSidecarOptions } from './channel/run.js';
