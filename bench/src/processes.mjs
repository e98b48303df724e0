// Starting, probing and stopping the processes of a run. Each is pinned to one CPU with
// taskset (which execs, so the child's pid is the measured process) and logs to a file.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const PROBE_INTERVAL_MS = 2;
/** Processes this run started and has not seen exit, so an interrupted run can stop them. */
const live = new Set();
const WRONG_ANSWER_GRACE_MS = 3000;

export function startPinned({ argv, cpu, pin, logFile, env }) {
  const log = openSync(logFile, 'a');
  const [command, ...args] = pin ? ['taskset', '-c', cpu, ...argv] : argv;
  const startedAt = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  closeSync(log);
  const proc = { child, pid: child.pid, startedAt, logFile };
  live.add(proc);
  proc.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    live.delete(proc);
    resolve({ code, signal });
  }));
  child.once('error', () => {});
  return proc;
}

export function killStarted() {
  for (const proc of live) proc.child.kill('SIGKILL');
}

export function isRunning(proc) {
  return proc.child.exitCode === null && proc.child.signalCode === null;
}

export async function stopProcess(proc) {
  if (!isRunning(proc)) return;
  proc.child.kill('SIGTERM');
  const outcome = await Promise.race([proc.exited, sleep(3000, 'timeout')]);
  if (outcome === 'timeout') {
    proc.child.kill('SIGKILL');
    await proc.exited;
  }
}

export function logTail(proc, lines = 15) {
  try {
    return readFileSync(proc.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** One POST on a fresh connection; resolves to the status code once the body has been read. */
export function probeOnce({ port, path, headers, body }) {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1', port, path, method: 'POST', agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer sk-bench', ...headers },
    }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
      res.once('error', () => resolve(0));
    });
    req.once('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Polls until the process serves a 200 through the given route. Returns milliseconds from
 * spawn (cold start) or throws with the reason and the log's tail.
 */
export async function waitForFirst200(proc, probe, timeoutSeconds) {
  const deadline = proc.startedAt + timeoutSeconds * 1000;
  let lastStatus = 0;
  let firstAnswerAt = NaN;
  while (performance.now() < deadline) {
    if (!isRunning(proc)) {
      throw new Error(`exited (${proc.child.exitCode ?? proc.child.signalCode}) before serving; log:\n${logTail(proc)}`);
    }
    lastStatus = await probeOnce(probe);
    if (lastStatus === 200) return performance.now() - proc.startedAt;
    if (lastStatus !== 0 && Number.isNaN(firstAnswerAt)) firstAnswerAt = performance.now();
    // Listening but refusing the route for seconds: a config problem, not a slow start.
    if (performance.now() - firstAnswerAt > WRONG_ANSWER_GRACE_MS) break;
    await sleep(PROBE_INTERVAL_MS);
  }
  throw new Error(`no 200 within ${timeoutSeconds} s, or 3 s after its first answer (last status ${lastStatus || 'connection refused'}); log:\n${logTail(proc)}`);
}
