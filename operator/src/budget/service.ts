// The operator's side of budgets on the channel. A sidecar's usage frame is stored (usage
// shards), applied to every budget and quota account it charges, and only then acknowledged;
// each step drops what it already applied from that source, so resends after a cut or an
// operator restart count once. An allowance ask is granted from the budget's account and the
// grant is persisted before the sidecar hears of it, so a restarted operator never forgets what
// sidecars may still spend. Frames of one connection are handled in order.
import {
  applyUsage, downgradeActive, formatMicroUsd, grantAllowance, grantCapOf, markAlerted, newlyCrossed, parseUsageRecord, remainingOf, windowAt,
  type AccountState, type CompiledBudget, type CommitmentConfig, type SidecarFrame, type UsageRecord,
} from '@switchyard/contract';
import type { Connection, SidecarHub } from '../channel/hub.js';
import type { KubePort } from '../kube/port.js';
import { describeError, type Logger } from '../log.js';
import type { AccountStore } from './accounts.js';
import { chargesOf } from './charges.js';
import type { UsageStore } from './usage-store.js';

const CONFIG_WAIT_MS = 10_000;

type UsageFrame = Extract<SidecarFrame, { type: 'usage' }>;
type AskFrame = Extract<SidecarFrame, { type: 'allowance-ask' }>;

export interface BudgetServiceDeps {
  readonly accounts: AccountStore;
  readonly usage: UsageStore;
  readonly hub: SidecarHub;
  readonly port: KubePort;
  readonly log: Logger;
  readonly now?: () => number;
  /** Budget and quota accounts changed (status may need writing). */
  readonly onChange?: () => void;
  /** BudgetPolicy uid for events; undefined when not in the informer cache. */
  readonly budgetUid?: (namespace: string, name: string) => string | undefined;
}

export class BudgetService {
  private readonly queues = new WeakMap<Connection, Promise<void>>();

  constructor(private readonly deps: BudgetServiceDeps) {}

  /** Takes the budget frames of a connection; false for frames that are not budget frames. */
  receive(connection: Connection, frame: SidecarFrame): boolean {
    if (frame.type !== 'usage' && frame.type !== 'allowance-ask') return false;
    const previous = this.queues.get(connection) ?? Promise.resolve();
    const next = previous.then(() => (frame.type === 'usage' ? this.applyUsageFrame(connection, frame) : this.grant(connection, frame)))
      .catch((error: unknown) => {
        // Unacknowledged usage is resent after the reconnect this close causes; nothing is lost.
        this.deps.log.warn('budget frame failed; closing the channel so the sidecar resends', { pod: `${connection.namespace}/${connection.pod}`, error: describeError(error) });
        connection.close();
      });
    this.queues.set(connection, next);
    return true;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /**
   * The config the sidecar was given. A freshly started operator may take a connection before its
   * first reconcile placed the pod: wait for it rather than apply usage against no budgets.
   */
  private async configOf(connection: Connection): Promise<{ budgets: readonly CompiledBudget[]; commitmentOf: (id: string) => CommitmentConfig | undefined }> {
    const deadline = this.now() + CONFIG_WAIT_MS;
    let snapshot = this.deps.hub.snapshotFor(connection.namespace, connection.pod);
    while (snapshot === undefined && this.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      snapshot = this.deps.hub.snapshotFor(connection.namespace, connection.pod);
    }
    if (snapshot === undefined) throw new Error('no config placed for this sidecar yet');
    const { config } = snapshot;
    const endpoints = new Map(config.endpoints.map((endpoint) => [endpoint.id, endpoint.commitment]));
    return { budgets: config.budgets, commitmentOf: (id) => endpoints.get(id) };
  }

  private async applyUsageFrame(connection: Connection, frame: UsageFrame): Promise<void> {
    const { namespace } = connection;
    const source = frame.source ?? `${namespace}/${connection.pod}`;
    const { budgets, commitmentOf } = await this.configOf(connection);
    const records = this.recordsOf(connection, frame);
    await this.deps.usage.store(namespace, source, frame.seq, records);
    const charges = chargesOf(records, commitmentOf);
    for (const [name, list] of charges.budgets) {
      const budget = budgets.find((candidate) => candidate.name === name);
      if (budget === undefined) {
        this.deps.log.warn('usage charges a budget the sidecar config no longer has; kept in the export only', { namespace, budget: name });
        continue;
      }
      const after = await this.deps.accounts.update({ kind: 'budget', namespace, name }, windowAt(budget.window, this.now()), (state) => {
        const applied = applyUsage(state, source, frame.seq, list).state;
        const crossed = newlyCrossed(applied, budget.limitMicroUsd, budget.thresholds.map((threshold) => threshold.percent));
        const marked = markAlerted(applied, crossed);
        return { state: marked === state ? null : marked, result: { state: marked, crossed } };
      });
      await this.announce(namespace, budget, after.crossed);
      connection.send(this.allowanceFrame(budget, after.state, source));
    }
    const quotaNews = [];
    for (const [id, list] of charges.quotas) {
      const commitment = commitmentOf(id)!;
      const span = windowAt(commitment.cycle!, this.now());
      const state = await this.deps.accounts.update({ kind: 'quota', namespace, name: id }, span, (current) => {
        const applied = applyUsage(current, source, frame.seq, list).state;
        return { state: applied === current ? null : applied, result: applied };
      });
      quotaNews.push({ id, window: state.window, remainingMicroUsd: Math.max(0, commitment.quotaMicroUsd! - state.spentMicroUsd) });
    }
    connection.send({ type: 'usage-ack', seq: frame.seq, source });
    // Every sidecar of the namespace hears at once, so none keeps preferring a quota that is spent.
    if (quotaNews.length > 0) this.deps.hub.broadcast(namespace, { type: 'quota', endpoints: quotaNews });
    if (records.length > 0) this.deps.onChange?.();
  }

  private recordsOf(connection: Connection, frame: UsageFrame): UsageRecord[] {
    const records = frame.records.map(parseUsageRecord);
    const valid = records.filter((record): record is UsageRecord => record !== undefined && record.namespace === connection.namespace);
    if (valid.length !== records.length) {
      this.deps.log.warn('usage records refused (malformed or of another namespace)', { pod: `${connection.namespace}/${connection.pod}`, refused: records.length - valid.length });
    }
    return valid;
  }

  private async grant(connection: Connection, frame: AskFrame): Promise<void> {
    const budget = (await this.configOf(connection)).budgets.find((candidate) => candidate.name === frame.budget);
    if (budget === undefined || budget.broken !== null) {
      connection.send({ type: 'allowance', budget: frame.budget, window: frame.window, granted: 0, remaining: 0, action: 'none' });
      return;
    }
    const cap = grantCapOf(budget.limitMicroUsd, budget.thresholds);
    const state = await this.deps.accounts.update({ kind: 'budget', namespace: connection.namespace, name: budget.name }, windowAt(budget.window, this.now()), (current) => {
      const granted = grantAllowance(current, frame.source, { need: frame.need, extra: frame.extra }, cap);
      return { state: granted.added === 0 ? null : granted.state, result: granted.state };
    });
    connection.send(this.allowanceFrame(budget, state, frame.source));
    this.deps.onChange?.();
  }

  private allowanceFrame(budget: CompiledBudget, state: AccountState, source: string): SidecarFrameReply {
    const cap = grantCapOf(budget.limitMicroUsd, budget.thresholds);
    return {
      type: 'allowance', budget: budget.name, window: state.window, granted: state.sources[source]?.granted ?? 0,
      remaining: remainingOf(state, cap), action: downgradeActive(state, budget.limitMicroUsd, budget.thresholds) ? 'downgrade' : 'none',
    };
  }

  /** One Event per threshold crossed in a window (the account remembers which were announced). */
  private async announce(namespace: string, budget: CompiledBudget, crossed: readonly number[]): Promise<void> {
    const uid = this.deps.budgetUid?.(namespace, budget.name);
    if (uid === undefined) return;
    for (const percent of crossed) {
      const actions = budget.thresholds.filter((threshold) => threshold.percent === percent).map((threshold) => threshold.action).join(', ');
      await this.deps.port.recordEvent({
        ref: { kind: 'BudgetPolicy', namespace, name: budget.name, uid },
        type: 'Warning',
        reason: 'BudgetThresholdReached',
        message: `Spend reached ${percent}% of the ${formatMicroUsd(budget.limitMicroUsd)} USD limit (${actions}).`,
      }).catch((error: unknown) => this.deps.log.warn('budget event failed', { budget: budget.name, error: describeError(error) }));
    }
  }
}

type SidecarFrameReply = Parameters<Connection['send']>[0];
