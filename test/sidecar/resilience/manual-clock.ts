// Simulated time for resilience tests: a Clock and Timers that move only when the test says so.
// Timers fire in due order (ties in creation order) as time is advanced past them.

import type { Clock, TimerHandle, Timers } from '../../../sidecar/src/resilience/index.js';

interface Pending {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
}

export class ManualClock implements Clock, Timers {
  private time: number;
  private order = 0;
  private pending: Pending[] = [];

  /**
   * @param autoAdvance a timer jumps the clock to its due time on the next microtask: for code
   *   that waits on one timer at a time (a single request's backoff), so tests need not drive time.
   */
  constructor(start = 1_000_000, private readonly autoAdvance = false) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => void): TimerHandle {
    const entry: Pending = { at: this.time + Math.max(0, ms), order: this.order++, run };
    this.pending.push(entry);
    if (this.autoAdvance) queueMicrotask(() => { if (this.pending.includes(entry)) this.advance(Math.max(0, entry.at - this.time)); });
    return { cancel: () => { this.pending = this.pending.filter((candidate) => candidate !== entry); } };
  }

  /** Moves time forward, firing due timers one by one (each sees the clock at its due time). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let next = this.nextDue(end); next !== undefined; next = this.nextDue(end)) {
      this.pending = this.pending.filter((candidate) => candidate !== next);
      this.time = next.at;
      next.run();
    }
    this.time = end;
  }

  /** Like advance, letting promise callbacks settle after each timer (for async schedulers). */
  async advanceAsync(ms: number): Promise<void> {
    const end = this.time + ms;
    for (let next = this.nextDue(end); next !== undefined; next = this.nextDue(end)) {
      this.pending = this.pending.filter((candidate) => candidate !== next);
      this.time = next.at;
      next.run();
      await settle();
    }
    this.time = end;
    await settle();
  }

  get timersPending(): number {
    return this.pending.length;
  }

  private nextDue(end: number): Pending | undefined {
    let best: Pending | undefined;
    for (const entry of this.pending) {
      if (entry.at > end) continue;
      if (best === undefined || entry.at < best.at || (entry.at === best.at && entry.order < best.order)) best = entry;
    }
    return best;
  }
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
}
