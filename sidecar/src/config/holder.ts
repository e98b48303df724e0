// Holds the one Runtime requests use. Every incoming config (channel snapshot, standalone file,
// last good config on disk) goes through load(): validate, build, swap one reference, persist.
// A config that fails any step is refused and the previous runtime keeps serving.

import type { LookupFunction } from 'node:net';
import { validateSidecarConfig } from '@switchyard/contract';
import { describeError, type Logger } from '../metrics/log.js';
import { recordConfigLoaded, recordConfigRejected } from '../metrics/registry.js';
import { Resilience } from '../resilience/index.js';
import { PoolSet } from '../upstream/pools.js';
import { missingCredentials, type Credentials } from './credentials.js';
import { loadLastGood, saveLastGood } from './last-good.js';
import { buildRuntime, type Runtime } from './runtime.js';

export type RejectReason = 'SchemaInvalid' | 'Stale' | 'BuildFailed';

export type LoadOutcome =
  | { readonly ok: true; readonly version: string; readonly revision: number }
  | { readonly ok: false; readonly reason: RejectReason; readonly errors: readonly string[] };

export interface HolderOptions {
  readonly log: Logger;
  /** Where the last good config is kept; none means it is not persisted. */
  readonly stateDir?: string | undefined;
  /** Health, latency and retry budgets; they outlive every config swap. */
  readonly resilience?: Resilience;
  /** Name resolution for upstream connections (the SSRF guard checks what it returns); default dns.lookup. */
  readonly upstreamLookup?: LookupFunction | undefined;
}

export class ConfigHolder {
  private runtime: Runtime | null = null;
  private readonly pools: PoolSet;
  private readonly resilience: Resilience;

  constructor(private readonly options: HolderOptions) {
    this.resilience = options.resilience ?? new Resilience();
    this.pools = new PoolSet(options.upstreamLookup === undefined ? {} : { lookup: options.upstreamLookup });
  }

  /** The runtime to serve with; a request reads this once and keeps it. Null until a config loads. */
  get current(): Runtime | null {
    return this.runtime;
  }

  /**
   * @example
   * const outcome = await holder.load(JSON.parse(text), credentials, 1042);
   * if (!outcome.ok) nack(outcome.reason, outcome.errors);
   */
  async load(document: unknown, credentials: Credentials, revision: number): Promise<LoadOutcome> {
    return this.loadAs(document, credentials, revision, false);
  }

  /** Loads the config a previous run persisted, if any, with the credentials it was saved with (given ones win). */
  async restoreLastGood(credentials: Credentials): Promise<LoadOutcome | undefined> {
    if (this.options.stateDir === undefined) return undefined;
    try {
      const entry = await loadLastGood(this.options.stateDir);
      return entry === undefined ? undefined : await this.loadAs(entry.config, { ...entry.credentials, ...credentials }, entry.revision, true);
    } catch (error) {
      this.options.log.warn('last good config unreadable; starting without it', { error: describeError(error) });
      return undefined;
    }
  }

  async close(): Promise<void> {
    this.runtime = null;
    this.resilience.close();
    await this.pools.destroy();
  }

  private async loadAs(document: unknown, credentials: Credentials, revision: number, restored: boolean): Promise<LoadOutcome> {
    const outcome = this.swap(document, credentials, revision, restored);
    if (!outcome.ok) {
      recordConfigRejected();
      this.options.log.warn('config rejected; the previous config stays in use', { reason: outcome.reason, errors: outcome.errors.join('; ') });
      return outcome;
    }
    recordConfigLoaded(outcome.version, revision);
    this.options.log.info('config loaded', { version: outcome.version, revision });
    if (!restored) await this.persist(document, revision, credentials);
    return outcome;
  }

  private swap(document: unknown, credentials: Credentials, revision: number, restored: boolean): LoadOutcome {
    const validation = validateSidecarConfig(document);
    if (!validation.ok) return { ok: false, reason: 'SchemaInvalid', errors: validation.errors };
    if (this.isStale(revision)) {
      return { ok: false, reason: 'Stale', errors: [`revision ${revision} is not newer than the running ${this.runtime?.revision ?? 0}`] };
    }
    let next: Runtime;
    try {
      next = buildRuntime(validation.config, credentials, { pools: this.pools, revision, restored, resilience: this.resilience });
    } catch (error) {
      return { ok: false, reason: 'BuildFailed', errors: [error instanceof Error ? error.message : String(error)] };
    }
    this.runtime = next;
    this.resilience.apply(next.config);
    this.warnMissingCredentials(next, credentials);
    this.pools.retainOnly(next.poolKeys).catch((error: unknown) => {
      this.options.log.warn('closing unused upstream pools failed', { error: describeError(error) });
    });
    return { ok: true, version: next.version, revision };
  }

  /**
   * Replays are refused, except the revision a restart restored from disk: the operator resends
   * it after the restart, and only that snapshot carries its credentials.
   */
  private isStale(revision: number): boolean {
    const running = this.runtime;
    if (running === null) return false;
    return revision < running.revision || (revision === running.revision && !running.restored);
  }

  private warnMissingCredentials(runtime: Runtime, credentials: Credentials): void {
    const missing = missingCredentials(runtime.config.secretRefs, credentials);
    if (missing.length === 0) return;
    this.options.log.warn('credentials not received; endpoints that need them are skipped', { secrets: missing.join(', ') });
  }

  private async persist(document: unknown, revision: number, credentials: Credentials): Promise<void> {
    if (this.options.stateDir === undefined) return;
    try {
      await saveLastGood(this.options.stateDir, { revision, config: document, credentials });
    } catch (error) {
      this.options.log.warn('could not persist the last good config', { error: describeError(error) });
    }
  }
}
