// CPU counters of the gateway, the upstream and this load process at one instant, so the
// measured window's CPU time can be charged to the requests completed in it.
import { readCoreBusyTicks, readCpuTicks, ticksToMilliseconds } from '../proc-stats.mjs';

function ticksOrNull(pid) {
  if (pid === undefined || pid === null) return null;
  try {
    return readCpuTicks(pid);
  } catch {
    return null;
  }
}

/** pids: gatewayPid, upstreamPid, and gatewayCore when the gateway is pinned to one CPU. */
export function takeCpuSnapshot(pids) {
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    gateway: ticksOrNull(pids.gatewayPid),
    upstream: ticksOrNull(pids.upstreamPid),
    gatewayCore: pids.gatewayCore === undefined || pids.gatewayCore === null ? null : readCoreBusyTicks(pids.gatewayCore),
    selfMs: (self.user + self.system) / 1000,
  };
}

export function cpuBetween(first, last) {
  const wallMs = last.at - first.at;
  const ticks = (key) => (first[key] === null || last[key] === null ? null : ticksToMilliseconds(last[key] - first[key]));
  const gatewayMs = ticks('gateway');
  const upstreamMs = ticks('upstream');
  const loadMs = last.selfMs - first.selfMs;
  const coreMs = ticks('gatewayCore');
  return {
    wallMs,
    gatewayCpuMs: gatewayMs,
    gatewayCpuUtil: gatewayMs === null ? null : gatewayMs / wallMs,
    upstreamCpuUtil: upstreamMs === null ? null : upstreamMs / wallMs,
    loadCpuUtil: loadMs / wallMs,
    // Work on the gateway's CPU that is not the gateway: other processes (builds, the OS) competing with it.
    otherOnGatewayCoreUtil: coreMs === null ? null : (coreMs - (gatewayMs ?? 0)) / wallMs,
  };
}
