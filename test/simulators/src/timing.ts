import { setTimeout as delay } from 'node:timers/promises';

/** Waits, but gives up quietly when the simulator shuts down; returns false if aborted. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
