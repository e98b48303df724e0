// Leader election on a coordination.k8s.io Lease, as client-go does it: a candidate takes the
// Lease when its holder has not renewed within the lease duration (measured on the local clock
// from when this candidate last saw the record change, so clock skew between replicas does not
// matter); the leader renews every retry period and steps down when it could not renew for the
// renew deadline. Writes carry the resourceVersion read, so two candidates cannot both win.
import type { KubePort, LeaseRecord } from './port.js';

export interface LeaseOptions {
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly onStartedLeading?: () => void;
  readonly onStoppedLeading?: () => void;
  readonly onError?: (error: unknown) => void;
  readonly now?: () => number;
}

type Attempt = 'leading' | 'held' | 'failed';

export class LeaderElector {
  private leading = false;
  private stopped = false;
  private lastRenew = 0;
  private observed: { key: string; at: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly now: () => number;

  constructor(private readonly port: KubePort, private readonly options: LeaseOptions) {
    this.leaseDurationMs = options.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.stopped = false;
    void this.loop();
  }

  /** Steps down and, when leading, releases the Lease so another replica takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.leading) return;
    this.setLeading(false);
    try {
      const lease = await this.port.readLease(this.options.namespace, this.options.name);
      if (lease?.holder === this.options.identity) {
        await this.port.writeLease(this.options.namespace, this.options.name, { ...lease, holder: null, leaseDurationSeconds: 1, renewTime: this.now() });
      }
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    const attempt = await this.tryAcquireOrRenew().catch((error: unknown): Attempt => {
      this.options.onError?.(error);
      return 'failed';
    });
    if (this.stopped) return;
    if (attempt === 'leading') {
      this.lastRenew = this.now();
      this.setLeading(true);
    } else if (this.leading && (attempt === 'held' || this.now() - this.lastRenew > this.renewDeadlineMs)) {
      this.setLeading(false);
    }
    this.timer = setTimeout(() => void this.loop(), this.retryPeriodMs);
    this.timer.unref();
  }

  private setLeading(leading: boolean): void {
    if (leading === this.leading) return;
    this.leading = leading;
    if (leading) this.options.onStartedLeading?.();
    else this.options.onStoppedLeading?.();
  }

  private async tryAcquireOrRenew(): Promise<Attempt> {
    const { namespace, name, identity } = this.options;
    const now = this.now();
    const durationSeconds = Math.ceil(this.leaseDurationMs / 1000);
    const existing = await this.port.readLease(namespace, name);
    if (existing === undefined) {
      const created: LeaseRecord = { holder: identity, leaseDurationSeconds: durationSeconds, renewTime: now, acquireTime: now, transitions: 0 };
      return (await this.port.writeLease(namespace, name, created)) === 'ok' ? 'leading' : 'held';
    }
    const key = `${existing.holder ?? ''}|${existing.renewTime ?? ''}|${existing.resourceVersion ?? ''}`;
    if (this.observed?.key !== key) this.observed = { key, at: now };
    const mine = existing.holder === identity;
    const expired = existing.holder === null || this.observed.at + existing.leaseDurationSeconds * 1000 <= now;
    if (!mine && !expired) return 'held';
    const next: LeaseRecord = {
      holder: identity,
      leaseDurationSeconds: durationSeconds,
      renewTime: now,
      acquireTime: mine ? existing.acquireTime : now,
      transitions: mine ? existing.transitions : existing.transitions + 1,
      ...(existing.resourceVersion === undefined ? {} : { resourceVersion: existing.resourceVersion }),
    };
    return (await this.port.writeLease(namespace, name, next)) === 'ok' ? 'leading' : 'held';
  }
}
