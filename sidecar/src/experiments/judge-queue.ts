// Judge calls run after the response is done, a few at a time: the client never waits for a
// judge, and a burst of experiment traffic cannot turn into a burst of judge calls. When the
// queue is full a judgement is dropped (counted), never queued without bound.

export interface JudgeQueueLimits {
  /** Judge calls in flight at once; default 4. */
  readonly concurrency?: number;
  /** Judgements waiting for a slot; default 256. */
  readonly maxWaiting?: number;
}

export type JudgeJob = () => Promise<void>;

export class JudgeQueue {
  private running = 0;
  private readonly waiting: JudgeJob[] = [];
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(limits: JudgeQueueLimits = {}) {
    this.concurrency = Math.max(1, limits.concurrency ?? 4);
    this.maxWaiting = Math.max(0, limits.maxWaiting ?? 256);
  }

  /** False when the job was dropped because the queue is full. */
  submit(job: JudgeJob): boolean {
    if (this.running < this.concurrency) {
      this.start(job);
      return true;
    }
    if (this.waiting.length >= this.maxWaiting) return false;
    this.waiting.push(job);
    return true;
  }

  /** Resolves once nothing runs or waits. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private start(job: JudgeJob): void {
    this.running += 1;
    // Jobs report their own failures; the catch only keeps one bug from stalling the queue.
    void job().catch(() => undefined).finally(() => {
      this.running -= 1;
      const next = this.waiting.shift();
      if (next !== undefined) this.start(next);
      else if (this.running === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
  }
}
