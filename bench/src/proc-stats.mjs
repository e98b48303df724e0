// Per-process figures from /proc: CPU time (utime+stime, all threads) and memory (VmRSS,
// VmHWM). Linux only; the bench pins processes with taskset anyway.
import { readFileSync } from 'node:fs';

/** utime + stime of the whole process, in clock ticks (USER_HZ, 100 on Linux). */
export function readCpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 (comm) may contain spaces; the fields after it start past the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export const TICKS_PER_SECOND = 100;

export function ticksToMilliseconds(ticks) {
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** VmRSS and VmHWM in MiB. */
export function readMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
}

/** Busy ticks (everything but idle and iowait) of one CPU since boot, from /proc/stat. */
export function readCoreBusyTicks(cpu) {
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((row) => row.startsWith(`cpu${cpu} `));
  if (line === undefined) return null;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + steal;
}
