// The leader's view of budgets in status: each BudgetPolicy's spend in its current window
// (`kubectl get budgetpolicies` shows SPENT, LIMIT, WINDOW, READY) and each committed
// endpoint's quota left (`status.endpoints[].quotaRemaining` of its ProviderPool), from the
// ledger accounts every replica writes. Written when an account changed and on a tick, so a
// window that rolled over at its anchor shows even without traffic.
import {
  billingCycleAt, formatMicroUsd, parseMicroUsd, windowAt,
  type BillingWindowConfig, type BudgetPolicy, type ProviderPool,
} from '@switchyard/contract';
import { isDeepStrictEqual } from 'node:util';
import type { ClusterView } from '../kube/informers.js';
import type { KubePort } from '../kube/port.js';
import { describeError, type Logger } from '../log.js';
import type { AccountStore } from './accounts.js';
import type { BudgetMetrics } from './metrics.js';
import { withQuotaRemaining } from './pool-quota.js';

/** How long a write may take to show in the informer cache before it is written again. */
const CACHE_LAG_MS = 5_000;

export interface BudgetStatusDeps {
  readonly accounts: AccountStore;
  readonly view: ClusterView;
  readonly port: KubePort;
  readonly isLeader: () => boolean;
  readonly namespaces: () => string[];
  readonly metrics: BudgetMetrics;
  readonly log: Logger;
  readonly now?: () => number;
  readonly tickMs?: number;
}

function windowConfigOf(budget: BudgetPolicy): BillingWindowConfig {
  const { window } = budget.spec;
  return window.period === 'daily' ? { period: 'daily' } : { period: 'monthly', anchorDay: window.anchorDay ?? 1 };
}

export class BudgetStatus {
  /** What this replica last wrote per object, and when: the informer cache lags our own writes. */
  private readonly written = new Map<string, { fields: unknown; at: number }>();
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private dirty = true;
  /** The billing cycle and time of the last full write: a new cycle, or 30 s, writes again. */
  private lastCycle = '';
  private lastFull = 0;

  constructor(private readonly deps: BudgetStatusDeps) {
    this.timer = setInterval(() => this.sync(), deps.tickMs ?? 1_000);
    this.timer.unref();
  }

  /** An account changed: write status at the next tick. */
  changed(): void {
    this.dirty = true;
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    return this.running;
  }

  private sync(): void {
    if (!this.deps.isLeader()) return;
    const now = (this.deps.now ?? Date.now)();
    // Also when nothing changed: at a window's anchor the status moves to the new window.
    const due = this.dirty || billingCycleAt(now) !== this.lastCycle || now - this.lastFull > 30_000;
    if (!due) return;
    this.dirty = false;
    this.running = this.running.then(() => this.writeAll(now)).catch((error: unknown) => {
      this.dirty = true;
      this.deps.log.warn('budget status write failed', { error: describeError(error) });
    });
  }

  private async writeAll(now: number): Promise<void> {
    this.lastCycle = billingCycleAt(now);
    this.lastFull = now;
    for (const namespace of this.deps.namespaces()) {
      for (const resource of this.deps.view.resources(namespace)) {
        if (resource.kind === 'BudgetPolicy') await this.writeBudget(resource, now);
        if (resource.kind === 'ProviderPool') await this.writePool(resource, now);
      }
    }
  }

  private async writeBudget(budget: BudgetPolicy, now: number): Promise<void> {
    const namespace = budget.metadata.namespace ?? '';
    const limit = parseMicroUsd(String(budget.spec.limit));
    if (limit === null) return;
    const span = windowAt(windowConfigOf(budget), now);
    const state = await this.deps.accounts.read({ kind: 'budget', namespace, name: budget.metadata.name }, span);
    const fields = { spent: formatMicroUsd(state.spentMicroUsd), limit: formatMicroUsd(limit), window: span.id, windowStart: new Date(span.startMs).toISOString() };
    this.deps.metrics.spent.set({ namespace, budget: budget.metadata.name }, state.spentMicroUsd);
    this.deps.metrics.limit.set({ namespace, budget: budget.metadata.name }, limit);
    await this.patch(budget, fields);
  }

  private async writePool(pool: ProviderPool, now: number): Promise<void> {
    const namespace = pool.metadata.namespace ?? '';
    const quotas = new Map<string, string>();
    for (const endpoint of pool.spec.endpoints) {
      const commitment = endpoint.commitment;
      const quota = commitment?.quotaPerCycle === undefined ? null : parseMicroUsd(commitment.quotaPerCycle);
      if (commitment === undefined || commitment.type === 'pay-as-you-go' || quota === null) continue;
      const cycle: BillingWindowConfig = commitment.cycle?.period === 'daily' ? { period: 'daily' } : { period: 'monthly', anchorDay: commitment.cycle?.anchorDay ?? 1 };
      const id = `${pool.metadata.name}/${endpoint.name}`;
      const state = await this.deps.accounts.read({ kind: 'quota', namespace, name: id }, windowAt(cycle, now));
      const remaining = Math.max(0, quota - state.spentMicroUsd);
      this.deps.metrics.quotaRemaining.set({ namespace, endpoint: id }, remaining);
      quotas.set(endpoint.name, formatMicroUsd(remaining));
    }
    if (quotas.size === 0) return;
    await this.patch(pool, { endpoints: withQuotaRemaining(pool, quotas) });
  }

  private async patch(resource: BudgetPolicy | ProviderPool, fields: Record<string, unknown>): Promise<void> {
    const key = `${resource.kind}/${resource.metadata.namespace}/${resource.metadata.name}`;
    const current = resource.status as Record<string, unknown> | undefined;
    const matchesCache = Object.entries(fields).every(([name, value]) => isDeepStrictEqual(current?.[name], value));
    const mine = this.written.get(key);
    const now = (this.deps.now ?? Date.now)();
    // Another writer of the same list (endpoint health) may have carried an older value over ours.
    if (matchesCache || (mine !== undefined && isDeepStrictEqual(mine.fields, fields) && now - mine.at < CACHE_LAG_MS)) return;
    try {
      await this.deps.port.patchStatus({ kind: resource.kind, namespace: resource.metadata.namespace ?? '', name: resource.metadata.name }, fields);
      this.written.set(key, { fields, at: now });
    } catch (error) {
      if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404) return;
      throw error;
    }
  }
}
