// client-node informers stop for good on any error but 410 Gone (its ListWatch only emits
// `error`); restarting is the caller's job. Backoff doubles per failure and resets once a list
// or an event gets through.
import type { Informer, KubernetesObject } from '@kubernetes/client-node';

export interface InformerHealth {
  readonly name: string;
  readonly synced: boolean;
  readonly lastError: string | null;
  readonly restarts: number;
}

export interface RestartOptions {
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onError?: (name: string, error: unknown) => void;
}

export class RestartingInformer<T extends KubernetesObject> {
  private delayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private errorsSeen = 0;
  private health: InformerHealth;

  constructor(readonly name: string, private readonly informer: Informer<T>, private readonly options: RestartOptions = {}) {
    this.delayMs = options.baseDelayMs ?? 500;
    this.health = { name, synced: false, lastError: null, restarts: 0 };
    informer.on('error', (error: unknown) => this.restartLater(error));
    informer.on('change', () => this.markHealthy());
  }

  get status(): InformerHealth {
    return this.health;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.startOnce();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.informer.stop();
  }

  /** client-node reports a failed start only through `error`, never by rejecting. */
  private async startOnce(): Promise<void> {
    const before = this.errorsSeen;
    await this.informer.start();
    if (this.errorsSeen === before) this.markHealthy();
  }

  private markHealthy(): void {
    this.delayMs = this.options.baseDelayMs ?? 500;
    this.health = { ...this.health, synced: true, lastError: null };
  }

  private restartLater(error: unknown): void {
    this.errorsSeen += 1;
    this.options.onError?.(this.name, error);
    this.health = { ...this.health, lastError: error instanceof Error ? error.message : String(error) };
    if (this.stopped || this.timer !== undefined) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.maxDelayMs ?? 30_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.health = { ...this.health, restarts: this.health.restarts + 1 };
      this.startOnce().catch((restartError: unknown) => this.restartLater(restartError));
    }, delay);
    this.timer.unref();
  }
}
