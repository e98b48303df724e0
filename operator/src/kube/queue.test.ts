import { describe, expect, it } from '@jest/globals';
import { WorkQueue } from './queue.js';

const tick = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
    await tick(5);
    expect(runs).toEqual(['team-a']);
    for (let i = 0; i < 50; i += 1) queue.add('team-a');
    release();
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
    await tick(300);
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.5);
    expect(queue.failuresOf('team-a')).toBe(0);
    queue.stop();
  });

  it('runs a delayed add once even when added again before it fires', async () => {
    const runs: string[] = [];
    const queue = new WorkQueue(async (key) => { runs.push(key); });
    queue.add('team-b', 20);
    queue.add('team-b', 20);
    await tick(60);
    expect(runs).toEqual(['team-b']);
    queue.stop();
  });
});
