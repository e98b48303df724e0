// One undici Pool per upstream origin (and connect timeout, and whether it is in the cluster),
// shared across config swaps so a reload keeps its warm keep-alive connections. Pools no config
// uses any more are closed once their in-flight requests finish. Pools of endpoints outside the
// cluster resolve names through the address guard, so they never connect to a private address.
// undici's Pool does not follow redirects: a 3xx is an answer like any other, never a new URL.

import type { LookupFunction } from 'node:net';
import { Pool } from 'undici';
import { guardedLookup } from './address-guard.js';

/** Idle upstream sockets stay open this long unless the server's Keep-Alive hint says less. */
const KEEP_ALIVE_MS = 30_000;

export interface PoolKey {
  readonly origin: string;
  readonly connectMs: number;
  /** The endpoint may reach private and loopback addresses (self-hosted models). */
  readonly inCluster: boolean;
}

export interface PoolSetOptions {
  /** Name resolution for upstream connections; default dns.lookup. Tests give their own names. */
  readonly lookup?: LookupFunction;
}

export class PoolSet {
  private readonly pools = new Map<string, Pool>();
  private readonly guarded: LookupFunction;

  constructor(private readonly options: PoolSetOptions = {}) {
    this.guarded = guardedLookup(options.lookup);
  }

  /** The pool for an origin, created on first use. */
  acquire(key: PoolKey): Pool {
    const id = poolId(key);
    let pool = this.pools.get(id);
    if (pool === undefined) {
      const lookup = key.inCluster ? this.options.lookup : this.guarded;
      pool = new Pool(key.origin, { connectTimeout: key.connectMs, keepAliveTimeout: KEEP_ALIVE_MS, ...(lookup === undefined ? {} : { connect: { lookup } }) });
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
  return `${key.origin} ${key.connectMs}${key.inCluster ? ' in-cluster' : ''}`;
}
