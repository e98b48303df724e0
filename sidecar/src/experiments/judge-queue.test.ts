import { describe, expect, it } from '@jest/globals';
import { JudgeQueue } from './judge-queue.js';

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => { open = resolve; });
  return { promise, open };
}

describe('JudgeQueue', () => {
  it('runs at most `concurrency` judgements at once, queues the next ones and drops beyond the queue', async () => {
    const queue = new JudgeQueue({ concurrency: 2, maxWaiting: 1 });
    const release = gate();
    let running = 0;
    let most = 0;
    const job = async (): Promise<void> => {
      running += 1;
      most = Math.max(most, running);
      await release.promise;
      running -= 1;
    };
    expect([queue.submit(job), queue.submit(job), queue.submit(job), queue.submit(job)]).toEqual([true, true, true, false]);
    expect(running).toBe(2);
    release.open();
    await queue.idle();
    expect(most).toBe(2);
    expect(running).toBe(0);
  });

  it('keeps going after a job fails', async () => {
    const queue = new JudgeQueue({ concurrency: 1 });
    let ran = false;
    queue.submit(async () => { throw new Error('judge bug'); });
    queue.submit(async () => { ran = true; });
    await queue.idle();
    expect(ran).toBe(true);
  });
});
