// Entry point: `node bench/src/harness.mjs` (bench/run.sh sets it up). Runs every selected
// target through every selected mode, REPS times, rotating the target order each repetition
// and starting every process fresh per repetition; then writes the summary.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBareNodeStart } from './canary.mjs';
import { parseMode } from './modes.mjs';
import { buildBody, CHAT_PATH } from './payloads.mjs';
import { freePort } from './ports.mjs';
import { killStarted, startPinned, stopProcess, waitForFirst200 } from './processes.mjs';
import { renderSummary } from './report/render.mjs';
import { openResults } from './results.mjs';
import { readSettings } from './settings.mjs';
import { runTarget } from './target-run.mjs';
import { TARGETS } from './targets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line) => process.stdout.write(`${line}\n`);

function rotate(list, by) {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

function describeCanary(canary) {
  const failures = canary.failed > 0 ? `; ${canary.failed} starts failed: ${canary.failure}` : '';
  return `bare \`node -e 0\` start ${canary.medianMs.toFixed(0)} ms median (${canary.minMs.toFixed(0)}-${canary.maxMs.toFixed(0)}), ` +
    `load average ${canary.loadavg.map((l) => l.toFixed(2)).join(' ')}${failures}`;
}

function checkNode(settings) {
  const version = spawnSync(settings.node, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  if (!version.startsWith('v24.')) throw new Error(`BENCH_NODE ${settings.node} is "${version}", need Node 24 (npm ci at the repo root)`);
  return version;
}

async function startUpstream(settings, workDir, rep) {
  const port = await freePort();
  const proc = startPinned({
    argv: [settings.node, path.join(here, 'fake-upstream.mjs'), `--port=${port}`, `--chunks=${settings.streamChunks}`],
    cpu: settings.loadCpu, pin: settings.pin, logFile: path.join(workDir, `upstream-rep${rep}.log`), env: {},
  });
  await waitForFirst200(proc, { port, path: CHAT_PATH, headers: {}, body: buildBody('small') }, settings.startTimeoutSeconds);
  return { port, pid: proc.pid, proc };
}

function estimateMinutes(settings, targets) {
  const perTarget = settings.modes.reduce((sum, name) => {
    const mode = parseMode(name, settings);
    return sum + settings.warmupSeconds + mode.durationSeconds + 0.5 + (mode.kind === 'paced' ? 0.5 : 0);
  }, 0);
  const gateways = targets.filter((name) => name !== 'direct').length;
  const seconds = settings.reps * (targets.length * perTarget + gateways * (settings.coldStarts * 0.8 + settings.idleSettleMs / 1000 + 1));
  return seconds / 60;
}

async function main() {
  const settings = readSettings();
  const nodeVersion = checkNode(settings);
  const runId = `run-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`;
  const workDir = path.join(settings.scratch, 'runs', runId);
  mkdirSync(workDir, { recursive: true });
  settings.modes.forEach((name) => parseMode(name, settings));
  const results = openResults(settings.resultsDir, runId);

  const active = [];
  for (const name of settings.targets) {
    const reason = TARGETS[name].unavailable(settings);
    if (reason === null) active.push(name);
    else {
      log(`SKIP ${name}: ${reason}`);
      results.record({ type: 'skip', target: name, reason });
    }
  }
  const canary = measureBareNodeStart(settings);
  log(`noise canary: ${describeCanary(canary)}`);
  log(`run ${runId}: ${nodeVersion}, targets ${active.join(',')}, modes ${settings.modes.join(',')}, ${settings.reps} reps, ` +
    `${settings.warmupSeconds}+${settings.durationSeconds} s windows (c=1: ${settings.durationC1Seconds} s), ` +
    `pinning ${settings.pin ? `gateway CPU ${settings.gatewayCpu}, load+upstream CPU ${settings.loadCpu}` : 'off'}; ` +
    `about ${estimateMinutes(settings, active).toFixed(1)} min`);
  log(`raw results: ${results.file}; process logs: ${workDir}`);
  const { sidecar, benchDir, repoDir, ...rest } = settings;
  results.record({ type: 'meta', startedAt: new Date().toISOString(), node: nodeVersion, settings: { ...rest, sidecar }, active, canaryStart: canary });

  const started = performance.now();
  for (let rep = 0; rep < settings.reps; rep += 1) {
    const order = rotate(active, rep);
    log(`repetition ${rep + 1}/${settings.reps}: ${order.join(' → ')}`);
    const upstream = await startUpstream(settings, workDir, rep);
    try {
      for (const [slot, name] of order.entries()) {
        await runTarget({ settings, name, rep, slot, upstream, workDir, record: results.record, log });
      }
    } finally {
      await stopProcess(upstream.proc);
    }
  }
  const canaryEnd = measureBareNodeStart(settings);
  const elapsedSeconds = (performance.now() - started) / 1000;
  results.record({ type: 'end', canaryEnd, elapsedSeconds });
  log(`done in ${(elapsedSeconds / 60).toFixed(1)} min; noise canary at the end: ${describeCanary(canaryEnd)}`);

  const summary = renderSummary(results.rows);
  writeFileSync(path.join(settings.resultsDir, 'summary.md'), summary);
  writeFileSync(path.join(settings.resultsDir, `${runId}.md`), summary);
  log(`\n${summary}`);
  log(`summary written to ${path.join(settings.resultsDir, 'summary.md')}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killStarted();
    process.exit(130);
  });
}
main().catch((error) => {
  killStarted();
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
