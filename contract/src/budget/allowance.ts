// A sidecar's side of one budget: the allowance the operator granted it in the current window,
// what its requests reserved, and what they settled. A request reserves its predicted cost
// before anything is sent; a reservation is taken only from what is left, so the balance
// (granted − settled − reserved) never goes below zero through a reservation. When the balance
// is short, the request waits for the operator's answer to one coalesced ask (asked again after
// a reconnect); it is refused when the operator has nothing left, or has not answered in time.
// No I/O and no clock of its own: the ask and the timer are injected, so the same code runs in
// the sidecar and in the unit model.

export interface Grant {
  readonly window: string;
  /** Cumulative allowance granted to this sidecar in the window. */
  readonly granted: number;
  /** What the operator can still grant to anyone in the window (after this grant). */
  readonly remaining: number;
}

export interface Reservation {
  readonly window: string;
  readonly amount: number;
}

/** Why no reservation: the operator has nothing left, or did not answer in time (or cannot be reached). */
export interface Refusal {
  readonly refused: 'exhausted' | 'unavailable';
}

export const isRefusal = (value: Reservation | Refusal): value is Refusal => 'refused' in value;

export interface AllowanceDeps {
  /** Sends an ask to the operator; false when it cannot be sent (no channel: asked again on connect). */
  ask(window: string, need: number, extra: number): boolean;
  /** Calls `fire` after `ms` unless the returned cancel runs first. */
  timer(ms: number, fire: () => void): () => void;
  /** What to ask for on top of a need, so following requests need no round trip. */
  readonly extra: number;
}

interface Waiter {
  readonly amount: number;
  readonly window: string;
  settle(outcome: Reservation | Refusal): void;
}

export class AllowanceBook {
  private window: string | null = null;
  private granted = 0;
  private settled = 0;
  private reserved = 0;
  private asking = false;
  /** The operator said nothing is left in this window: waiters get only what settles frees here. */
  private exhausted = false;
  private readonly waiters: Waiter[] = [];

  constructor(private readonly deps: AllowanceDeps) {}

  /** What is left to reserve in `window`. */
  balance(window: string): number {
    return window === this.window ? this.granted - this.settled - this.reserved : 0;
  }

  snapshot(): { window: string | null; granted: number; settled: number; reserved: number } {
    return { window: this.window, granted: this.granted, settled: this.settled, reserved: this.reserved };
  }

  /** Reserves at once, or null when the balance is short. */
  tryReserve(amount: number, window: string): Reservation | null {
    this.enter(window);
    if (amount > this.balance(window)) return null;
    this.reserved += amount;
    return { window, amount };
  }

  /** Reserves, asking the operator for more when short; a refusal when it has none or does not answer in time. */
  acquire(amount: number, window: string, waitMs: number): Promise<Reservation | Refusal> {
    const now = this.waiters.length === 0 ? this.tryReserve(amount, window) : null;
    if (now !== null) return Promise.resolve(now);
    return new Promise((resolve) => {
      let cancel = (): void => undefined;
      const waiter: Waiter = {
        amount, window, settle: (outcome) => {
          cancel();
          resolve(outcome);
        },
      };
      this.waiters.push(waiter);
      cancel = this.deps.timer(waitMs, () => this.drop(waiter));
      this.askForWaiters();
    });
  }

  /** The actual cost of a reserved request; charged to the window it reserved in. What it did not use serves waiters. */
  settle(reservation: Reservation, costMicroUsd: number): void {
    if (reservation.window !== this.window) return;
    this.reserved -= reservation.amount;
    this.settled += costMicroUsd;
    this.serveWaiters();
    this.afterServing();
  }

  /** The operator's answer (or news: a new window). */
  onGrant(grant: Grant): void {
    this.enter(grant.window);
    if (grant.window !== this.window) return;
    this.granted = Math.max(this.granted, grant.granted);
    this.asking = false;
    this.exhausted = grant.remaining <= 0;
    this.serveWaiters();
    this.afterServing();
  }

  /** Waiters left: ask for more, or, with nothing left anywhere and nothing in flight here, refuse them. */
  private afterServing(): void {
    if (this.waiters.length === 0) return;
    if (!this.exhausted) this.askForWaiters();
    else if (this.reserved <= 0) this.refuseWaiters('exhausted');
  }

  /** The channel is gone: an ask in flight will not be answered; waiters wait for the reconnect (or their time). */
  onDisconnect(): void {
    this.asking = false;
  }

  /** The channel is back: ask for what the waiters need. */
  onConnect(): void {
    this.askForWaiters();
  }

  /** Refuses every waiter (shutdown). */
  close(): void {
    this.refuseWaiters('unavailable');
  }

  private enter(window: string): void {
    if (window === this.window) return;
    // Windows only move forward; a late frame for an older window changes nothing.
    if (this.window !== null && window < this.window) return;
    this.window = window;
    this.granted = 0;
    this.settled = 0;
    this.reserved = 0;
    this.exhausted = false;
  }

  private serveWaiters(): void {
    while (this.waiters.length > 0) {
      const first = this.waiters[0]!;
      const reservation = this.tryReserve(first.amount, first.window);
      if (reservation === null) return;
      this.waiters.shift();
      first.settle(reservation);
    }
  }

  private askForWaiters(): void {
    if (this.asking || this.waiters.length === 0 || this.window === null) return;
    const wanted = this.waiters.filter((waiter) => waiter.window === this.window).reduce((sum, waiter) => sum + waiter.amount, 0);
    const need = Math.max(0, wanted - this.balance(this.window));
    this.asking = this.deps.ask(this.window, need, this.deps.extra);
  }

  private refuseWaiters(why: Refusal['refused']): void {
    for (const waiter of this.waiters.splice(0)) waiter.settle({ refused: why });
  }

  private drop(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index === -1) return;
    this.waiters.splice(index, 1);
    waiter.settle({ refused: 'unavailable' });
  }
}
