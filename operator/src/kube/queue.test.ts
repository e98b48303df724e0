import { describe, expect, it } from '@jest/globals';
import { WorkQueue } from './queue.js';

// Real timers on a shared machine fire late, never early: tests wait for what they expect
// instead of for a fixed time, and bound delays from below only.
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await tick(2);
  }
}

describe('WorkQueue', () => {
  it('coalesces a burst of adds for one key into one run, and runs once more for adds during it', async () => {
    const runs: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const queue = new WorkQueue(async (key) => {
      runs.push(key);
      await gate;
    });
    for (let i = 0; i < 50; i += 1) queue.add('team-a');
    await until(() => runs.length >= 1);
    for (let i = 0; i < 50; i += 1) queue.add('team-a');
    expect(runs).toEqual(['team-a']);
    release();
    await until(() => runs.length >= 2);
    await tick(20);
    expect(runs).toEqual(['team-a', 'team-a']);
    queue.stop();
  });

  it('requeues a failing key with a growing delay and forgets the failures after a success', async () => {
    const times: number[] = [];
    let failuresLeft = 3;
    const queue = new WorkQueue(async () => {
      times.push(performance.now());
      if (failuresLeft-- > 0) throw new Error('apiserver unavailable');
    }, { baseRetryMs: 20, maxRetryMs: 1000 });
    queue.add('team-a');
    await until(() => times.length >= 4);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);
    // Planned delays 20, 40, 80 ms; a timer may round down by a millisecond.
    expect(gaps[0]!).toBeGreaterThanOrEqual(19);
    expect(gaps[1]!).toBeGreaterThanOrEqual(39);
    expect(gaps[2]!).toBeGreaterThanOrEqual(79);
    expect(queue.failuresOf('team-a')).toBe(0);
    queue.stop();
  });

  it('runs a delayed add once even when added again before it fires', async () => {
    const runs: string[] = [];
    const queue = new WorkQueue(async (key) => { runs.push(key); });
    queue.add('team-b', 20);
    queue.add('team-b', 20);
    await until(() => runs.length >= 1);
    await tick(40);
    expect(runs).toEqual(['team-b']);
    queue.stop();
  });
});
