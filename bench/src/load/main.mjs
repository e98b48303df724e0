// The load generator, one process per measured mode (pinned to the load CPU by the harness).
// Argument: a JSON object (see README "Load generator"). Prints one JSON line with the figures.
import { importPeer } from '../peers.mjs';
import { buildBody } from '../payloads.mjs';
import { cpuBetween } from './cpu-snapshot.mjs';
import { runClosedLoop } from './closed-loop.mjs';
import { runPaced } from './paced.mjs';
import { tally } from './tally.mjs';

const spec = JSON.parse(process.argv[2]);
const { Pool } = await importPeer('undici');
const pool = new Pool(spec.origin, { connections: spec.connections });
const body = Buffer.from(buildBody(spec.bodyKind));
const request = {
  method: 'POST', path: spec.path, body,
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench', ...spec.headers },
};
const common = {
  pool, request, stream: spec.stream, connections: spec.connections,
  warmupMs: spec.warmupSeconds * 1000, durationMs: spec.durationSeconds * 1000,
  pids: { gatewayPid: spec.gatewayPid, upstreamPid: spec.upstreamPid, gatewayCore: spec.gatewayCore },
};

let run;
if (spec.kind === 'paced') {
  run = await runPaced({ ...common, rate: spec.rate, drainMs: spec.drainSeconds * 1000 });
} else {
  const latencyOf = spec.kind === 'ttft' ? (r) => r.firstByte - r.start : (r) => r.end - r.start;
  run = await runClosedLoop({ ...common, latencyOf });
}
const window = { from: run.first.at, to: run.last.at };
const figures = tally(run.rows, window, cpuBetween(run.first, run.last), spec.stream ? spec.expectEvents : undefined);
process.stdout.write(`${JSON.stringify(figures)}\n`);
await pool.destroy();
process.exit(0);
