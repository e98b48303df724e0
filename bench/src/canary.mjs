// Noise canary: how long a bare `node -e 0` takes to start and exit on the gateway CPU.
// ~100 ms on a quiet box of this class; much more means other work is competing.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

export function measureBareNodeStart(settings, samples = 7) {
  const times = [];
  let failed = 0;
  let failure;
  for (let i = 0; i < samples; i += 1) {
    const argv = settings.pin ? ['taskset', '-c', settings.gatewayCpu, settings.node, '-e', '0'] : [settings.node, '-e', '0'];
    const started = performance.now();
    const result = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const elapsed = performance.now() - started;
    if (result.status === 0) times.push(elapsed);
    else {
      failed += 1;
      failure = result.error?.message ?? `exit ${result.status ?? result.signal}: ${result.stderr.trim()}`;
    }
  }
  times.sort((a, b) => a - b);
  const medianMs = times.length > 0 ? times[Math.floor(times.length / 2)] : NaN;
  return { medianMs, minMs: times[0] ?? NaN, maxMs: times.at(-1) ?? NaN, failed, failure, loadavg: os.loadavg() };
}
