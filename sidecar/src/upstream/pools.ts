// One undici Pool per upstream origin (and connect timeout), shared across config swaps so a
// reload keeps its warm keep-alive connections. Pools no config uses any more are closed once
// their in-flight requests finish.

import { Pool } from 'undici';

/** Idle upstream sockets stay open this long unless the server's Keep-Alive hint says less. */
const KEEP_ALIVE_MS = 30_000;

export interface PoolKey {
  readonly origin: string;
  readonly connectMs: number;
}

export class PoolSet {
  private readonly pools = new Map<string, Pool>();

  /** The pool for an origin, created on first use. */
  acquire(key: PoolKey): Pool {
    const id = poolId(key);
    let pool = this.pools.get(id);
    if (pool === undefined) {
      pool = new Pool(key.origin, { connectTimeout: key.connectMs, keepAliveTimeout: KEEP_ALIVE_MS });
      this.pools.set(id, pool);
    }
    return pool;
  }

  /** Closes every pool not in `keep` (graceful: in-flight requests complete). */
  async retainOnly(keep: readonly PoolKey[]): Promise<void> {
    const wanted = new Set(keep.map(poolId));
    const closing: Promise<void>[] = [];
    for (const [id, pool] of this.pools) {
      if (wanted.has(id)) continue;
      this.pools.delete(id);
      closing.push(pool.close());
    }
    await Promise.all(closing);
  }

  /** Closes everything; requests still running are aborted. */
  async destroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }
}

function poolId(key: PoolKey): string {
  return `${key.origin} ${key.connectMs}`;
}
