// A coalescing keyed work queue (client-go's workqueue, reduced to what the operator needs): a
// key added many times before a worker takes it is processed once; a key being processed that
// is added again runs once more afterwards; a failed key comes back after an exponential delay.

export interface QueueOptions {
  /** First requeue delay after a failure; doubles per consecutive failure of the key. */
  readonly baseRetryMs?: number;
  readonly maxRetryMs?: number;
  /** Told about every failure, before the key is requeued. */
  readonly onError?: (key: string, error: unknown) => void;
}

export type Worker = (key: string) => Promise<void>;

export class WorkQueue {
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly baseRetryMs: number;
  private readonly maxRetryMs: number;
  private running = false;
  private stopped = false;

  constructor(private readonly worker: Worker, private readonly options: QueueOptions = {}) {
    this.baseRetryMs = options.baseRetryMs ?? 200;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
  }

  /** Queues the key now, or after `delayMs` (an earlier pending delay wins). */
  add(key: string, delayMs = 0): void {
    if (this.stopped) return;
    if (delayMs > 0) {
      if (this.timers.has(key) || this.dirty.has(key)) return;
      const timer = setTimeout(() => {
        this.timers.delete(key);
        this.add(key);
      }, delayMs);
      timer.unref();
      this.timers.set(key, timer);
      return;
    }
    this.dirty.add(key);
    // Informers call back once per object of a list, synchronously: let the whole burst land
    // (and the caches with it) before a worker reads them.
    setImmediate(() => void this.drain());
  }

  /** Keys waiting or being processed; for tests and health. */
  get depth(): number {
    return this.dirty.size + this.processing.size;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.dirty.clear();
  }

  /** One worker: keys are namespaces, and one namespace compiles in milliseconds. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped) {
        const key = this.next();
        if (key === undefined) break;
        await this.process(key);
      }
    } finally {
      this.running = false;
    }
  }

  private next(): string | undefined {
    for (const key of this.dirty) {
      this.dirty.delete(key);
      return key;
    }
    return undefined;
  }

  private async process(key: string): Promise<void> {
    this.processing.add(key);
    try {
      await this.worker(key);
      this.failures.delete(key);
    } catch (error) {
      this.options.onError?.(key, error);
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      this.add(key, Math.min(this.baseRetryMs * 2 ** (failures - 1), this.maxRetryMs));
    } finally {
      this.processing.delete(key);
    }
  }

  /** Consecutive failures of the key so far. */
  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}
