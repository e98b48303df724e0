// Experiment reports arrive continuously while traffic flows; route status follows at most once
// per delay per namespace. A timer of its own, not a delayed queue entry: a pending delayed entry
// would hold back the prompt status updates that acks and nacks ask for.

export class StatusThrottle {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly delayMs: number, private readonly fire: (namespace: string) => void) {}

  add(namespace: string): void {
    if (this.timers.has(namespace)) return;
    const timer = setTimeout(() => {
      this.timers.delete(namespace);
      this.fire(namespace);
    }, this.delayMs);
    timer.unref();
    this.timers.set(namespace, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
