// Open loop at a fixed rate: request i is due at t0 + i/rate whether or not earlier ones have
// finished, and its latency counts from that scheduled time, so a stalled target cannot hide
// its queueing (no coordinated omission). `service` is the latency from the actual send.
import { takeCpuSnapshot } from './cpu-snapshot.mjs';
import { exchange } from './exchange.mjs';

function settle(row, result, sent) {
  row.end = result.end;
  row.latency = result.end - row.ref;
  row.service = result.end - sent;
  row.status = result.status;
  row.events = result.events;
  row.done = result.done;
  row.incomplete = false;
}

export async function runPaced({ pool, request, stream, rate, warmupMs, durationMs, drainMs, pids }) {
  const rows = [];
  const interval = 1000 / rate;
  const start = performance.now() + 1;
  const until = start + warmupMs + durationMs;
  let first;
  let last;
  setTimeout(() => { first = takeCpuSnapshot(pids); }, warmupMs);
  setTimeout(() => { last = takeCpuSnapshot(pids); }, warmupMs + durationMs);

  const fire = (scheduled) => {
    const row = { ref: scheduled, incomplete: true };
    rows.push(row);
    const sent = performance.now();
    exchange(pool, request, stream).then(
      (result) => settle(row, result, sent),
      (error) => { row.end = performance.now(); row.error = String(error.code ?? error.message); row.incomplete = false; },
    );
  };

  await new Promise((resolve) => {
    let next = start;
    const pump = () => {
      const now = performance.now();
      for (; next <= now && next < until; next += interval) fire(next);
      if (next >= until) resolve();
      else setTimeout(pump, Math.max(0, next - performance.now()));
    };
    pump();
  });
  const deadline = performance.now() + drainMs;
  while (rows.some((row) => row.incomplete) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Windows are by scheduled time, so the measured window is [first.at, last.at] on that clock.
  return { rows, first, last };
}
