// One target within one repetition: start it fresh, note cold start and idle RSS, run every
// mode against it, note peak RSS, stop it, then time the extra cold starts.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from './load-run.mjs';
import { parseMode } from './modes.mjs';
import { buildBody } from './payloads.mjs';
import { freePort } from './ports.mjs';
import { readMemory } from './proc-stats.mjs';
import { isRunning, logTail, startPinned, stopProcess, waitForFirst200 } from './processes.mjs';
import { TARGETS, targetPath } from './targets.mjs';

const probeBody = buildBody('small');

async function startGateway({ settings, name, upstream, workDir, rep, attempt }) {
  const target = TARGETS[name];
  const port = await freePort();
  const argv = target.argv({ settings, port, upstreamPort: upstream.port, workDir });
  const proc = startPinned({
    argv, cpu: settings.gatewayCpu, pin: settings.pin,
    logFile: path.join(workDir, `${name}-rep${rep}-start${attempt}.log`),
    env: { BENCH_PEERS_DIR: settings.peers, NODE_ENV: 'production' },
  });
  const probe = { port, path: targetPath(name, settings), headers: target.headers({ upstreamPort: upstream.port }), body: probeBody };
  try {
    const coldStartMs = await waitForFirst200(proc, probe, settings.startTimeoutSeconds);
    return { proc, port, coldStartMs };
  } catch (error) {
    await stopProcess(proc);
    throw error;
  }
}

function describe(figures) {
  const latency = figures.latency ?? {};
  const fmt = (value, digits = 2) => (value === undefined || value === null ? '-' : value.toFixed(digits));
  const cpu = figures.gatewayCpuUsPerRequest === null ? '' : ` cpu ${fmt(figures.gatewayCpuUsPerRequest, 0)} µs/req`;
  const other = figures.otherOnGatewayCoreUtil === null ? '' : `, other work on gateway CPU ${fmt(figures.otherOnGatewayCoreUtil)}`;
  return `${fmt(figures.rps, 0)} req/s p50 ${fmt(latency.p50, 3)} ms p99 ${fmt(latency.p99, 2)} ms${cpu} errors ${figures.errors}${other}`;
}

async function runModes({ settings, name, rep, slot, origin, pids, headers, record, log }) {
  for (const modeName of settings.modes) {
    if (pids.isAlive && !pids.isAlive()) {
      record({ type: 'failure', rep, target: name, mode: modeName, reason: 'gateway process died', logTail: pids.logTail() });
      log(`  ${name} ${modeName}: gateway process died; skipping the rest of this repetition`);
      return;
    }
    const mode = parseMode(modeName, settings);
    const spec = {
      origin, path: targetPath(name, settings), headers, bodyKind: mode.bodyKind, stream: mode.stream, kind: mode.kind,
      connections: mode.connections, rate: mode.rate, warmupSeconds: settings.warmupSeconds, durationSeconds: mode.durationSeconds,
      drainSeconds: settings.drainSeconds, gatewayPid: pids.gateway, upstreamPid: pids.upstream, expectEvents: settings.streamChunks + 2,
      gatewayCore: settings.pin ? settings.gatewayCpu : null,
    };
    try {
      const figures = await runLoad(settings, spec);
      record({ type: 'mode', rep, slot, target: name, mode: modeName, kind: mode.kind, rate: mode.rate ?? null, connections: mode.connections, ...figures });
      log(`  ${name.padEnd(17)} ${modeName.padEnd(10)} ${describe(figures)}`);
    } catch (error) {
      record({ type: 'failure', rep, target: name, mode: modeName, reason: error.message });
      log(`  ${name} ${modeName}: ${error.message}`);
    }
  }
}

export async function runTarget({ settings, name, rep, slot, upstream, workDir, record, log }) {
  const target = TARGETS[name];
  const headers = target.headers({ upstreamPort: upstream.port });
  if (target.argv === null) {
    await runModes({ settings, name, rep, slot, origin: `http://127.0.0.1:${upstream.port}`, pids: { gateway: null, upstream: upstream.pid }, headers, record, log });
    return;
  }
  let started;
  try {
    started = await startGateway({ settings, name, upstream, workDir, rep, attempt: 0 });
  } catch (error) {
    record({ type: 'failure', rep, target: name, mode: 'start', reason: error.message });
    log(`  ${name}: did not start: ${error.message}`);
    return;
  }
  const { proc } = started;
  const coldStartMs = [started.coldStartMs];
  await sleep(settings.idleSettleMs);
  const idleRssMiB = readMemory(proc.pid).rssMiB;
  log(`  ${name.padEnd(17)} start      cold start ${started.coldStartMs.toFixed(0)} ms, idle RSS ${idleRssMiB.toFixed(1)} MiB (pid ${proc.pid})`);
  await runModes({
    settings, name, rep, slot, origin: `http://127.0.0.1:${started.port}`, headers, record, log,
    pids: { gateway: proc.pid, upstream: upstream.pid, isAlive: () => isRunning(proc), logTail: () => logTail(proc) },
  });
  const peakRssMiB = isRunning(proc) ? readMemory(proc.pid).hwmMiB : null;
  await stopProcess(proc);
  for (let attempt = 1; attempt < settings.coldStarts; attempt += 1) {
    try {
      const again = await startGateway({ settings, name, upstream, workDir, rep, attempt });
      coldStartMs.push(again.coldStartMs);
      await stopProcess(again.proc);
    } catch (error) {
      record({ type: 'failure', rep, target: name, mode: 'cold-start', reason: error.message });
    }
  }
  record({ type: 'footprint', rep, slot, target: name, coldStartMs, idleRssMiB, peakRssMiB });
  log(`  ${name.padEnd(17)} footprint  peak RSS ${peakRssMiB?.toFixed(1) ?? '-'} MiB, cold starts ${coldStartMs.map((ms) => ms.toFixed(0)).join('/')} ms`);
}
