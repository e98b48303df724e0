// What per-request metrics and the request log line cost on the sidecar's hot path: the same
// standalone sidecar against the bench's fake upstream, started three ways (everything on;
// SWITCHYARD_METRICS=off; both off), measured in alternating rounds so machine noise hits all
// three alike. Figures: median latency at one connection, and sidecar CPU per request and
// throughput at 16 connections (medians over rounds); then the metrics finish listener alone,
// timed in-process, which machine noise hardly moves. Needs `tsc -b` first. Usage:
//   node bench/observability/run.mjs [--rounds=5] [--seconds=4]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const { Pool } = createRequire(path.join(repo, 'sidecar', 'package.json'))('undici');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '4' } } });
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const CLI = path.join(repo, 'operator', 'dist', 'cli', 'main.js');
const CLOCK_TICKS = 100;

const VARIANTS = [
  { name: 'metrics + request log', env: {} },
  { name: 'request log only (SWITCHYARD_METRICS=off)', env: { SWITCHYARD_METRICS: 'off' } },
  { name: 'neither (SWITCHYARD_METRICS=off SWITCHYARD_REQUEST_LOG=off)', env: { SWITCHYARD_METRICS: 'off', SWITCHYARD_REQUEST_LOG: 'off' } },
];

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(args, env, cpu) {
  const command = process.platform === 'linux' ? ['taskset', '-c', cpu, process.execPath, ...args] : [process.execPath, ...args];
  return spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, ...env } });
}

async function waitReady(url) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch { /* not up yet */ }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never became ready`);
}

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function load(url, connections, seconds) {
  const pool = new Pool(url, { connections });
  const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'What is the invoice total?' }] });
  const latencies = [];
  const stopAt = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < stopAt) {
      const started = performance.now();
      const response = await pool.request({ path: '/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  await pool.close();
  return latencies;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function measure(variant, upstreamPort, configDir) {
  const port = await freePort();
  const sidecar = start([CLI, 'sidecar', '--config', configDir, '--port', String(port)], variant.env, '0');
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${url}/readyz`);
    await load(url, 4, 1);
    const c1 = await load(url, 1, SECONDS);
    const cpuBefore = cpuSeconds(sidecar.pid);
    const c16 = await load(url, 16, SECONDS);
    const cpu = cpuSeconds(sidecar.pid) - cpuBefore;
    return { p50Ms: median(c1), cpuUsPerRequest: (cpu / c16.length) * 1e6, rps: c16.length / SECONDS };
  } finally {
    sidecar.kill('SIGTERM');
  }
}

/** The metrics finish listener alone, in this process: nanoseconds per finished request (median of 5 × 100k). */
async function listenerCost() {
  const { recordExchangeMetrics } = await import(path.join(repo, 'sidecar', 'dist', 'metrics', 'requests.js'));
  const pricing = { inputMicroUsdPerMillion: 150_000, cachedInputMicroUsdPerMillion: 75_000, cacheWriteMicroUsdPerMillion: 150_000, outputMicroUsdPerMillion: 600_000, batchDiscountPercent: 0 };
  const report = {
    route: 'bench-route', provider: 'openai', streaming: false, operation: 'chat', useCase: '', decidedBy: 'default',
    served: { target: 'fake-openai-mini', endpointId: 'bench-pool/fake-openai', model: 'gpt-4o-mini', upstreamModel: 'gpt-4o-mini', pricing },
    usage: { prompt_tokens: 27, completion_tokens: 20, total_tokens: 47 }, providerRequestId: 'req_1', upstreamFirstByteMs: 0.4, upstreamMs: 0.6,
    firstChunkMs: null, attempts: 1, errorCode: null, traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  };
  const finished = { ex: { report }, status: 200, seconds: 0.0011 };
  const runs = [];
  for (let run = 0; run < 5; run += 1) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < 100_000; index += 1) recordExchangeMetrics(finished);
    runs.push(Number(process.hrtime.bigint() - started) / 100_000);
  }
  return median(runs);
}

async function main() {
  const upstreamPort = await freePort();
  const upstream = start([path.join(repo, 'bench', 'src', 'fake-upstream.mjs'), `--port=${upstreamPort}`], {}, '1');
  const configDir = mkdtempSync(path.join(tmpdir(), 'switchyard-obs-bench-'));
  const template = readFileSync(path.join(repo, 'bench', 'config', 'sidecar.yaml.tmpl'), 'utf8');
  writeFileSync(path.join(configDir, 'sidecar.yaml'), template.replaceAll('${UPSTREAM_PORT}', String(upstreamPort)).replaceAll('${MODEL_ALIAS}', 'bench'));
  const results = new Map(VARIANTS.map((variant) => [variant.name, []]));
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const variant of VARIANTS) {
        const figures = await measure(variant, upstreamPort, configDir);
        results.get(variant.name).push(figures);
        console.error(`round ${round + 1}/${ROUNDS} ${variant.name}: p50 ${figures.p50Ms.toFixed(3)} ms, ${figures.cpuUsPerRequest.toFixed(0)} µs CPU/request, ${figures.rps.toFixed(0)} req/s`);
      }
    }
  } finally {
    upstream.kill('SIGTERM');
  }
  const summary = VARIANTS.map((variant) => {
    const rows = results.get(variant.name);
    return { variant: variant.name, p50Ms: median(rows.map((row) => row.p50Ms)), cpuUsPerRequest: median(rows.map((row) => row.cpuUsPerRequest)), rps: median(rows.map((row) => row.rps)) };
  });
  const [on, , off] = summary;
  const lines = [
    `| variant | c=1 p50 latency (ms) | c=16 CPU per request (µs) | c=16 throughput (req/s) |`,
    `|---|---|---|---|`,
    ...summary.map((row) => `| ${row.variant} | ${row.p50Ms.toFixed(3)} | ${row.cpuUsPerRequest.toFixed(0)} | ${row.rps.toFixed(0)} |`),
    '',
    `Ratio, everything on / neither: latency ${(on.p50Ms / off.p50Ms).toFixed(3)}×, CPU per request ${(on.cpuUsPerRequest / off.cpuUsPerRequest).toFixed(3)}× (medians of ${ROUNDS} rounds, ${SECONDS} s each).`,
  ];
  const listenerNs = await listenerCost();
  lines.push(`Metrics finish listener alone: ${(listenerNs / 1000).toFixed(2)} µs per request (in-process, median of 5 × 100k calls).`);
  console.log(lines.join('\n'));
  mkdirSync(path.join(repo, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(repo, 'bench', 'results', `observability-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}.json`), `${JSON.stringify({ rounds: ROUNDS, seconds: SECONDS, summary, listenerNs, raw: Object.fromEntries(results) }, null, 2)}\n`);
}

await main();
