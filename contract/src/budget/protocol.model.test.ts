// The ledger/allowance protocol under random interleavings (fast-check's scheduler): 5 sidecars
// (AllowanceBook + UsageOutbox, the code sidecars run) and the operator's account (the code the
// operator persists), connected by ordered per-connection queues that the scheduler delivers in
// any order across connections, with channels cut and the operator restarted at random points
// (everything in flight is lost; the persisted account survives; sidecars reconnect and resend).
// 200 concurrent requests against a budget worth 10 of them; actual costs differ from the
// reservation by up to ±20 %. Checked on every run:
//   - the operator never grants beyond the cap (committed ≤ cap after every grant that adds);
//   - a reservation never takes a sidecar's balance below zero;
//   - after the dust settles, the account's spend equals the sum of the served requests' costs
//     exactly (nothing lost, nothing doubled);
//   - spend ≤ limit + Σ (actual − reserved)⁺ over served requests (docs/adr/0011-budgets.md).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyUsage, committedOf, grantAllowance, openAccount, remainingOf, type AccountState } from './account.js';
import { AllowanceBook, isRefusal } from './allowance.js';
import { UsageOutbox, type UsageBatch } from './outbox.js';

const SIDECARS = 5;
const REQUESTS = 200;
const PREDICTED = 1_000;
const LIMIT = 10 * PREDICTED;
const WINDOW = '2026-11';
const SPAN = { id: WINDOW, startMs: Date.UTC(2026, 10, 1), endMs: Date.UTC(2026, 11, 1) };

type ToOperator = { kind: 'ask'; need: number; extra: number } | { kind: 'usage'; batch: UsageBatch<number> };
type ToSidecar = { kind: 'grant'; granted: number; remaining: number } | { kind: 'ack'; seq: number };

interface Violations {
  overGrant: number;
  negativeBalance: number;
}

class Operator {
  /** What survives a restart: the persisted account. */
  account: AccountState = openAccount(SPAN);

  constructor(private readonly violations: Violations) {}

  handle(source: string, message: ToOperator): ToSidecar {
    if (message.kind === 'ask') {
      const granted = grantAllowance(this.account, source, { need: message.need, extra: message.extra }, LIMIT);
      this.account = granted.state;
      // Overspend (actual above reserved) may lift committed past the cap; a grant never may.
      if (granted.added > 0 && committedOf(this.account) > LIMIT) this.violations.overGrant += 1;
      return { kind: 'grant', granted: granted.granted, remaining: remainingOf(this.account, LIMIT) };
    }
    const charges = message.batch.records.map((cost) => ({ window: WINDOW, costMicroUsd: cost }));
    this.account = applyUsage(this.account, source, message.batch.seq, charges).state;
    return { kind: 'ack', seq: message.batch.seq };
  }
}

class Link {
  up: ToOperator[] = [];
  down: ToSidecar[] = [];
  epoch = 0;
}

class Sidecar {
  readonly link = new Link();
  readonly outbox: UsageOutbox<number>;
  readonly book: AllowanceBook;

  constructor(readonly source: string, private readonly send: (sidecar: Sidecar, message: ToOperator) => void) {
    this.outbox = new UsageOutbox(source, 7);
    this.book = new AllowanceBook({
      ask: (_window, need, extra) => {
        this.send(this, { kind: 'ask', need, extra });
        return true;
      },
      timer: () => () => undefined,
      extra: LIMIT / 50,
    });
  }

  receive(message: ToSidecar): void {
    if (message.kind === 'grant') this.book.onGrant({ window: WINDOW, granted: message.granted, remaining: message.remaining });
    else this.outbox.ack(message.seq);
  }

  flush(): void {
    for (const batch of this.outbox.drain()) this.send(this, { kind: 'usage', batch });
  }

  reconnect(): void {
    this.link.epoch += 1;
    this.link.up = [];
    this.link.down = [];
    this.book.onDisconnect();
    for (const batch of this.outbox.resend()) this.send(this, { kind: 'usage', batch });
    this.book.onConnect();
  }
}

interface RunResult {
  readonly spent: number;
  readonly servedCost: number;
  readonly excess: number;
  readonly served: number;
  readonly violations: Violations;
}

async function run(s: fc.Scheduler, actualPercents: readonly number[], chaos: readonly { sidecar: number; restart: boolean }[]): Promise<RunResult> {
  const violations: Violations = { overGrant: 0, negativeBalance: 0 };
  let operator = new Operator(violations);
  const deliver = (sidecar: Sidecar, direction: 'up' | 'down'): void => {
    const { epoch } = sidecar.link;
    void s.schedule(Promise.resolve(), `${sidecar.source} ${direction}`).then(() => {
      if (sidecar.link.epoch !== epoch) return;
      if (direction === 'up') {
        const message = sidecar.link.up.shift();
        if (message === undefined) return;
        sidecar.link.down.push(operator.handle(sidecar.source, message));
        deliver(sidecar, 'down');
      } else {
        const message = sidecar.link.down.shift();
        if (message !== undefined) sidecar.receive(message);
      }
    });
  };
  const send = (sidecar: Sidecar, message: ToOperator): void => {
    sidecar.link.up.push(message);
    deliver(sidecar, 'up');
  };
  const sidecars = Array.from({ length: SIDECARS }, (_, i) => new Sidecar(`ns/web-${i}/boot`, send));
  let served = 0;
  let servedCost = 0;
  let excess = 0;
  const request = async (index: number): Promise<void> => {
    await s.schedule(Promise.resolve(), `start ${index}`);
    const sidecar = sidecars[index % SIDECARS]!;
    const reservation = await sidecar.book.acquire(PREDICTED, WINDOW, 2_000);
    if (isRefusal(reservation)) return;
    if (sidecar.book.balance(WINDOW) < 0) violations.negativeBalance += 1;
    await s.schedule(Promise.resolve(), `upstream ${index}`);
    const actual = Math.round((PREDICTED * actualPercents[index % actualPercents.length]!) / 100);
    served += 1;
    servedCost += actual;
    excess += Math.max(0, actual - PREDICTED);
    sidecar.book.settle(reservation, actual);
    sidecar.outbox.add(actual);
    sidecar.flush();
  };
  const faults = chaos.map(async ({ sidecar, restart }, i) => {
    await s.schedule(Promise.resolve(), `chaos ${i}`);
    if (restart) {
      // Nothing the operator held in memory survives; in-flight frames on every channel are gone.
      const persisted = structuredClone(operator.account);
      operator = new Operator(violations);
      operator.account = persisted;
      for (const member of sidecars) member.reconnect();
    } else {
      sidecars[sidecar % SIDECARS]!.reconnect();
    }
  });
  const requests = Array.from({ length: REQUESTS }, (_, index) => request(index));
  await s.waitFor(Promise.all([...requests, ...faults]));
  // The channels stay up now: everything unacknowledged reaches the operator.
  for (let round = 0; round < 20 && sidecars.some((sidecar) => sidecar.outbox.backlog > 0); round += 1) {
    for (const sidecar of sidecars) sidecar.reconnect();
    await s.waitAll();
  }
  return { spent: operator.account.spentMicroUsd, servedCost, excess, served, violations };
}

describe('the budget protocol under 1,000 random interleavings', () => {
  it('never over-grants, never goes negative, loses and doubles nothing, and overspends at most the documented bound', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.integer({ min: 80, max: 120 }), { minLength: 1, maxLength: 16 }),
        fc.array(fc.record({ sidecar: fc.nat(SIDECARS - 1), restart: fc.boolean() }), { maxLength: 4 }),
        async (s, actualPercents, chaos) => {
          runs += 1;
          const result = await run(s, actualPercents, chaos);
          expect(result.violations).toEqual({ overGrant: 0, negativeBalance: 0 });
          expect(result.spent).toBe(result.servedCost);
          expect(result.spent).toBeLessThanOrEqual(LIMIT + result.excess);
          expect(result.served).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1_000 },
    );
    expect(runs).toBe(1_000);
  }, 120_000);
});
