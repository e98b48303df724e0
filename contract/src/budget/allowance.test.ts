import { describe, expect, it } from '@jest/globals';
import { AllowanceBook, isRefusal, type Grant } from './allowance.js';

interface Harness {
  book: AllowanceBook;
  asks: { need: number; extra: number }[];
  timers: (() => void)[];
  connected: boolean;
}

function harness(extra = 0): Harness {
  const state: Harness = { asks: [], timers: [], connected: true } as unknown as Harness;
  state.book = new AllowanceBook({
    ask: (_window, need, more) => {
      if (!state.connected) return false;
      state.asks.push({ need, extra: more });
      return true;
    },
    timer: (_ms, fire) => {
      state.timers.push(fire);
      return () => undefined;
    },
    extra,
  });
  return state;
}

const grant = (granted: number, remaining: number): Grant => ({ window: 'w', granted, remaining });

describe('a sidecar allowance book', () => {
  it('reserves from the balance and asks once for what waiting requests need', async () => {
    const { book, asks } = harness(5);
    const first = book.acquire(30, 'w', 1_000);
    const second = book.acquire(20, 'w', 1_000);
    expect(asks).toEqual([{ need: 30, extra: 5 }]);
    book.onGrant(grant(60, 100));
    expect(isRefusal(await first)).toBe(false);
    expect(isRefusal(await second)).toBe(false);
    expect(book.balance('w')).toBe(10);
  });

  it('refuses as exhausted when the operator has nothing left and nothing is in flight', async () => {
    const { book } = harness();
    const waiting = book.acquire(30, 'w', 1_000);
    book.onGrant(grant(10, 0));
    expect(await waiting).toEqual({ refused: 'exhausted' });
  });

  it('lets a waiter use what an in-flight request leaves unspent', async () => {
    const { book } = harness();
    book.onGrant(grant(40, 0));
    const held = book.tryReserve(30, 'w')!;
    const waiting = book.acquire(30, 'w', 1_000);
    book.settle(held, 10);
    expect(isRefusal(await waiting)).toBe(false);
    expect(book.snapshot()).toEqual({ window: 'w', granted: 40, settled: 10, reserved: 30 });
  });

  it('keeps waiters through a reconnect and asks again, refusing only when the wait is over', async () => {
    const state = harness();
    state.connected = false;
    const waiting = state.book.acquire(30, 'w', 1_000);
    expect(state.asks).toEqual([]);
    state.connected = true;
    state.book.onConnect();
    expect(state.asks).toEqual([{ need: 30, extra: 0 }]);
    state.book.onDisconnect();
    state.timers[0]!();
    expect(await waiting).toEqual({ refused: 'unavailable' });
  });

  it('starts over in a newer window and ignores settlements of the old one', () => {
    const { book } = harness();
    book.onGrant(grant(50, 10));
    const old = book.tryReserve(50, 'w')!;
    book.onGrant({ window: 'x', granted: 20, remaining: 10 });
    book.settle(old, 50);
    expect(book.snapshot()).toEqual({ window: 'x', granted: 20, settled: 0, reserved: 0 });
    book.onGrant(grant(999, 10));
    expect(book.balance('x')).toBe(20);
  });
});
