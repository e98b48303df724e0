import { parseCliArgs } from './cli-args.js';
import { startSimulator } from './server.js';

// Prints one `listening <dialect> <url>` line once ready (the demo and bench wait for it) and
// shuts down cleanly on SIGINT/SIGTERM.

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const simulator = await startSimulator(options);
  process.stdout.write(`listening ${simulator.dialect} ${simulator.url}\n`);
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
