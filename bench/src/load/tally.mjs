// Turns the rows recorded during a run into the figures of its measured window.
import { summarise } from './percentiles.mjs';

function isBrokenStream(row, expectEvents) {
  return expectEvents !== undefined && (row.events !== expectEvents || !row.done);
}

function isGood(row, expectEvents) {
  return !row.incomplete && row.error === undefined && row.status >= 200 && row.status < 300 && !isBrokenStream(row, expectEvents);
}

/**
 * rows: { ref, end, latency, service, status, events, done, error }. `ref` decides window
 * membership: end time for closed loop, scheduled time for paced load.
 */
export function tally(rows, window, cpu, expectEvents) {
  const inWindow = rows.filter((row) => row.ref >= window.from && row.ref < window.to);
  const statusCounts = {};
  let exceptions = 0;
  let badStreams = 0;
  let incomplete = 0;
  const ok = [];
  for (const row of inWindow) {
    if (row.incomplete) incomplete += 1;
    else if (row.error !== undefined) exceptions += 1;
    else {
      statusCounts[row.status] = (statusCounts[row.status] ?? 0) + 1;
      if (isBrokenStream(row, expectEvents)) badStreams += 1;
      if (isGood(row, expectEvents)) ok.push(row);
    }
  }
  // Throughput and CPU count every answer that arrived in the window, whenever it was sent:
  // for a paced target that falls behind, answers to requests scheduled earlier.
  const completedInWindow = rows.filter((row) => row.end >= window.from && row.end < window.to && isGood(row, expectEvents)).length;
  const seconds = (window.to - window.from) / 1000;
  const non2xx = Object.entries(statusCounts).filter(([status]) => Number(status) >= 300).reduce((n, [, c]) => n + c, 0);
  return {
    requests: ok.length,
    rps: completedInWindow / seconds,
    errors: exceptions + non2xx + badStreams + incomplete,
    exceptions, non2xx, badStreams, incomplete, statusCounts,
    firstError: inWindow.find((row) => row.error !== undefined)?.error,
    latency: summarise(ok.map((row) => row.latency)),
    service: summarise(ok.map((row) => row.service)),
    ...cpu,
    gatewayCpuUsPerRequest: cpu.gatewayCpuMs === null || completedInWindow === 0 ? null : (cpu.gatewayCpuMs * 1000) / completedInWindow,
  };
}
