// One sidecar's budget state, shared by every config it loads: an allowance book per budget,
// the usage outbox, reserved-quota news, recent output lengths. In cluster mode the operator
// grants allowances and takes the usage (over the channel, see channel/client.ts); standalone,
// the keeper keeps the same ledger itself (one process is the whole fleet).
import { randomBytes } from 'node:crypto';
import {
  AllowanceBook, applyUsage, downgradeActive, grantAllowance, grantCapOf, openAccount, remainingOf, rollAccount, UsageOutbox, windowAt,
  type AccountState, type AllowanceFrame, type BillingWindowConfig, type CompiledBudget, type OperatorFrame, type QuotaFrame,
  type Refusal, type Reservation, type SidecarFrame, type UsageRecord,
} from '@switchyard/contract';
import { recordUsageMetrics, setAllowance, setQuotaRemaining, setUsageBacklog } from '../metrics/budget.js';
import { OutputStats } from './output-stats.js';

/** How long a request waits for the operator's answer when its allowance is short. */
export const ALLOWANCE_WAIT_MS = 2_000;
/** Share of a budget's limit a sidecar asks for on top of a need (the operator shrinks it near the end). */
const PREFETCH_DIVISOR = 50;
const FLUSH_DELAY_MS = 20;
const RECENT_RECORDS = 10_000;

/** Sends frames to the operator; false when the channel is down. */
export type SendFrame = (frame: SidecarFrame) => boolean;

export interface KeeperOptions {
  /** 'operator': allowances come from the channel; 'local': this process is its own ledger. */
  readonly mode: 'operator' | 'local';
  /** `<namespace>/<pod>`, or "standalone". */
  readonly pod: string;
  readonly now?: () => number;
  readonly allowanceWaitMs?: number;
}

interface QuotaNews {
  readonly window: string;
  readonly remaining: number;
  /** Spend this sidecar recorded on the endpoint since the news. */
  spentSince: number;
}

export class BudgetKeeper {
  readonly source: string;
  readonly outputs = new OutputStats();
  readonly outbox: UsageOutbox<UsageRecord>;
  /** The latest records, for standalone export and tests; the operator keeps the durable copy. */
  readonly recent: UsageRecord[] = [];
  private readonly books = new Map<string, AllowanceBook>();
  private readonly actions = new Map<string, AllowanceFrame['action']>();
  private readonly quotas = new Map<string, QuotaNews>();
  private readonly local = new Map<string, AccountState>();
  private send: SendFrame | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  private records = 0;

  constructor(private readonly options: KeeperOptions) {
    this.source = `${options.pod}/${randomBytes(6).toString('hex')}`;
    this.outbox = new UsageOutbox(this.source);
  }

  /** `<namespace>/<pod>`, or "standalone". */
  get pod(): string {
    return this.options.pod;
  }

  get mode(): KeeperOptions['mode'] {
    return this.options.mode;
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  windowOf(window: BillingWindowConfig): string {
    return windowAt(window, this.now()).id;
  }

  /** Reserves `amount` from the budget's allowance, waiting for the operator when short. */
  reserve(budget: CompiledBudget, amount: number): Promise<Reservation | Refusal> {
    const window = this.windowOf(budget.window);
    return this.bookOf(budget).acquire(amount, window, this.options.allowanceWaitMs ?? ALLOWANCE_WAIT_MS);
  }

  settle(budget: CompiledBudget, reservation: Reservation, costMicroUsd: number): void {
    const book = this.bookOf(budget);
    book.settle(reservation, costMicroUsd);
    setAllowance(budget.name, Math.max(0, book.balance(reservation.window)));
  }

  /** A downgrade threshold of the budget was crossed (as the operator, or the local ledger, says). */
  downgrading(budget: CompiledBudget): boolean {
    if (this.options.mode === 'operator') return this.actions.get(budget.name) === 'downgrade';
    const account = this.local.get(budget.name);
    return account !== undefined && downgradeActive(account, budget.limitMicroUsd, budget.thresholds);
  }

  /** Reserved or prepaid quota left on an endpoint this cycle: the operator's last word minus what this sidecar spent since. */
  quotaRemaining(endpointId: string, quotaMicroUsd: number, cycle: BillingWindowConfig): number {
    const window = this.windowOf(cycle);
    const news = this.quotas.get(endpointId);
    // Before any news (or in a new cycle) the whole quota is assumed; spend is counted from there.
    if (news === undefined || news.window !== window) return quotaMicroUsd;
    return news.remaining - news.spentSince;
  }

  /** A finished request's record: kept, counted, and queued for the operator. */
  record(record: UsageRecord, quota: { cycle: BillingWindowConfig; quotaMicroUsd: number } | null): void {
    this.recent.push(record);
    if (this.recent.length > RECENT_RECORDS) this.recent.shift();
    recordUsageMetrics(record);
    if (quota !== null) this.noteQuotaSpend(record.endpoint, record.costMicroUsd, quota);
    if (this.options.mode === 'local') return this.applyLocally(record);
    this.outbox.add(record);
    this.scheduleFlush();
  }

  /** Each budget's allowance book as it stands (proxy-status style views and tests). */
  balances(): Map<string, ReturnType<AllowanceBook['snapshot']>> {
    return new Map([...this.books].map(([name, book]) => [name, book.snapshot()]));
  }

  nextRecordId(): string {
    this.records += 1;
    return `${this.source}/${this.records}`;
  }

  // ---------------------------------------------------------------- the channel

  /** The channel is up: resend what the operator has not acknowledged, then the rest. */
  connected(send: SendFrame): void {
    this.send = send;
    for (const batch of this.outbox.resend()) send({ type: 'usage', source: batch.source, seq: batch.seq, records: batch.records });
    this.flush();
    for (const book of this.books.values()) book.onConnect();
  }

  disconnected(): void {
    this.send = null;
    for (const book of this.books.values()) book.onDisconnect();
  }

  /** Budget frames from the operator; false for frames that are not the keeper's. */
  onFrame(frame: OperatorFrame): boolean {
    switch (frame.type) {
      case 'allowance':
        this.actions.set(frame.budget, frame.action);
        this.books.get(frame.budget)?.onGrant({ window: frame.window, granted: frame.granted, remaining: frame.remaining });
        return true;
      case 'quota':
        this.onQuota(frame);
        return true;
      case 'usage-ack':
        if (frame.source === undefined || frame.source === this.source) this.outbox.ack(frame.seq);
        setUsageBacklog(this.outbox.backlog);
        return true;
      default:
        return false;
    }
  }

  close(): void {
    clearTimeout(this.flushTimer);
    for (const book of this.books.values()) book.close();
  }

  private bookOf(budget: CompiledBudget): AllowanceBook {
    let book = this.books.get(budget.name);
    if (book === undefined) {
      book = new AllowanceBook({
        ask: (window, need, extra) => this.ask(budget, window, need, extra),
        timer: (ms, fire) => {
          const timer = setTimeout(fire, ms);
          timer.unref();
          return () => clearTimeout(timer);
        },
        extra: Math.ceil(budget.limitMicroUsd / PREFETCH_DIVISOR),
      });
      this.books.set(budget.name, book);
    }
    return book;
  }

  private ask(budget: CompiledBudget, window: string, need: number, extra: number): boolean {
    if (this.options.mode === 'local') {
      queueMicrotask(() => this.grantLocally(budget, window, need, extra));
      return true;
    }
    return this.send?.({ type: 'allowance-ask', source: this.source, budget: budget.name, window, need, extra }) ?? false;
  }

  private grantLocally(budget: CompiledBudget, window: string, need: number, extra: number): void {
    const span = windowAt(budget.window, this.now());
    const account = rollAccount(this.local.get(budget.name) ?? openAccount(span), span);
    const cap = grantCapOf(budget.limitMicroUsd, budget.thresholds);
    const granted = span.id === window ? grantAllowance(account, this.source, { need, extra }, cap) : { state: account, granted: 0 };
    this.local.set(budget.name, granted.state);
    this.bookOf(budget).onGrant({ window: span.id, granted: granted.granted, remaining: remainingOf(granted.state, cap) });
  }

  private applyLocally(record: UsageRecord): void {
    const seq = this.records;
    for (const charge of record.budgets) {
      const account = this.local.get(charge.budget);
      if (account !== undefined) this.local.set(charge.budget, applyUsage(account, this.source, seq, [{ window: charge.window, costMicroUsd: record.costMicroUsd }]).state);
    }
  }

  private noteQuotaSpend(endpoint: string, cost: number, quota: { cycle: BillingWindowConfig; quotaMicroUsd: number }): void {
    const window = this.windowOf(quota.cycle);
    const news = this.quotas.get(endpoint);
    if (news === undefined || news.window !== window) {
      this.quotas.set(endpoint, { window, remaining: quota.quotaMicroUsd, spentSince: cost });
    } else {
      news.spentSince += cost;
    }
    setQuotaRemaining(endpoint, Math.max(0, this.quotaRemaining(endpoint, quota.quotaMicroUsd, quota.cycle)));
  }

  private onQuota(frame: QuotaFrame): void {
    for (const entry of frame.endpoints) {
      this.quotas.set(entry.id, { window: entry.window, remaining: entry.remainingMicroUsd, spentSince: 0 });
      setQuotaRemaining(entry.id, entry.remainingMicroUsd);
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, FLUSH_DELAY_MS);
    this.flushTimer.unref();
  }

  private flush(): void {
    setUsageBacklog(this.outbox.backlog);
    const send = this.send;
    if (send === null) return;
    for (const batch of this.outbox.drain()) send({ type: 'usage', source: batch.source, seq: batch.seq, records: batch.records });
  }
}
