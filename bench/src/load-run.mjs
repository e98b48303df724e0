// Runs one measured mode: a fresh load-generator process pinned to the load CPU.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const loadMain = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load', 'main.mjs');

export function runLoad(settings, spec) {
  const argv = [settings.node, loadMain, JSON.stringify(spec)];
  const [command, ...args] = settings.pin ? ['taskset', '-c', settings.loadCpu, ...argv] : argv;
  const budgetMs = (spec.warmupSeconds + spec.durationSeconds + spec.drainSeconds + 20) * 1000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BENCH_PEERS_DIR: settings.peers } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (part) => { stdout += part; });
    child.stderr.on('data', (part) => { stderr += part; });
    const timer = setTimeout(() => child.kill('SIGKILL'), budgetMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').at(-1);
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`load generator failed (${code ?? signal}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}
