// The sidecar process in a pod: serve on loopback, restore the last good config from the state
// dir, and wait for the operator's snapshots (the channel client plugs in here when it lands).
//   SWITCHYARD_HOST (127.0.0.1), SWITCHYARD_PORT (8080), SWITCHYARD_STATE_DIR (none)

import { installCrashGuard } from './http/crash-guard.js';
import { DEFAULT_PORT, startServer } from './http/start.js';
import { createLogger } from './metrics/log.js';

async function main(): Promise<void> {
  const log = createLogger();
  installCrashGuard(log);
  const port = Number(process.env['SWITCHYARD_PORT'] ?? DEFAULT_PORT);
  const stateDir = process.env['SWITCHYARD_STATE_DIR'];
  const sidecar = await startServer({ host: process.env['SWITCHYARD_HOST'] ?? '127.0.0.1', port, log, ...(stateDir === undefined ? {} : { stateDir }) });
  await sidecar.holder.restoreLastGood({});
  log.info('sidecar listening', { url: sidecar.url, ready: sidecar.holder.current !== null });
  const stop = (): void => {
    void sidecar.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`switchyard sidecar: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
