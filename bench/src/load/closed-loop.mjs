// Closed loop: `connections` workers, each sending its next request as soon as the previous
// one finished. Gives throughput at saturation (c50) or per-request latency (c1, TTFT).
import { setTimeout as sleep } from 'node:timers/promises';
import { takeCpuSnapshot } from './cpu-snapshot.mjs';
import { exchange } from './exchange.mjs';

export async function runClosedLoop({ pool, request, stream, connections, warmupMs, durationMs, pids, latencyOf }) {
  const rows = [];
  let first;
  let last;
  let stopped = false;
  setTimeout(() => { first = takeCpuSnapshot(pids); }, warmupMs);
  setTimeout(() => { last = takeCpuSnapshot(pids); stopped = true; }, warmupMs + durationMs);

  async function worker() {
    while (!stopped) {
      try {
        const result = await exchange(pool, request, stream);
        rows.push({
          ref: result.end, end: result.end, latency: latencyOf(result), service: result.end - result.start,
          status: result.status, events: result.events, done: result.done,
        });
      } catch (error) {
        const now = performance.now();
        rows.push({ ref: now, end: now, error: String(error.code ?? error.message) });
        // A dead target fails instantly; do not spin CPU 1 while the window runs out.
        await sleep(5);
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  return { rows, first, last };
}
