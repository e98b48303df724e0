// Every knob of a run, from environment variables (see bench/README.md for the table).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { peersDir, scratchDir } from './peers.mjs';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(benchDir, '..');

export const ALL_TARGETS = ['direct', 'sidecar', 'sidecar_full', 'portkey', 'node_undici', 'express_httpproxy'];
export const DEFAULT_MODES = ['c1', 'p1000', 'c50', 'stream_c50', 'ttft_c1'];

function list(name, fallback) {
  const raw = process.env[name];
  return raw ? raw.split(',').map((item) => item.trim()).filter(Boolean) : fallback;
}

function number(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

export function readSettings() {
  const targets = list('TARGETS', ALL_TARGETS);
  const unknown = targets.filter((target) => !ALL_TARGETS.includes(target));
  if (unknown.length > 0) throw new Error(`unknown TARGETS ${unknown.join(',')}; known: ${ALL_TARGETS.join(',')}`);
  if (!targets.includes('direct')) targets.unshift('direct');
  const node = process.env.BENCH_NODE ?? path.join(repoDir, 'node_modules/.bin/node');
  return {
    benchDir,
    repoDir,
    node,
    scratch: scratchDir(),
    peers: peersDir(),
    resultsDir: process.env.RESULTS_DIR ?? path.join(benchDir, 'results'),
    targets,
    modes: list('MODES', DEFAULT_MODES),
    reps: number('REPS', 3),
    warmupSeconds: number('WARMUP', 2),
    durationSeconds: number('DURATION', 8),
    durationC1Seconds: number('DURATION_C1', 3),
    drainSeconds: number('DRAIN', 5),
    pacedSockets: number('PACED_SOCKETS', 50),
    coldStarts: Math.max(1, number('COLD_STARTS', 3)),
    idleSettleMs: number('IDLE_SETTLE_MS', 500),
    startTimeoutSeconds: number('START_TIMEOUT', 20),
    streamChunks: number('STREAM_CHUNKS', 20),
    pin: process.env.PIN !== '0',
    gatewayCpu: process.env.GATEWAY_CPU ?? '0',
    loadCpu: process.env.LOAD_CPU ?? '1',
    sidecar: {
      entry: process.env.SIDECAR_ENTRY ?? path.join(repoDir, 'operator/dist/bundle/switchyard.js'),
      command: process.env.SIDECAR_CMD ?? '{node} {entry} sidecar --config {config} --port {port}',
      path: process.env.SIDECAR_PATH ?? '/v1/chat/completions',
    },
  };
}
