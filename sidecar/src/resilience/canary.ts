// Canary probes keep failover honest: while traffic is quiet, each secondary endpoint with a
// canary config gets a small scheduled request, and its answer is scored against expectContains.
// The per-endpoint verdict says whether the endpoint is ready to take failover traffic, and how
// fast it answered; eligibility puts endpoints that failed their canary behind the others.
// Clock and timers are injected, so the schedule runs on simulated time in tests.

import type { Clock, TimerHandle, Timers } from './clock.js';

export interface CanarySpec {
  readonly endpointId: string;
  readonly intervalMs: number;
  /** Lower case; the probe passes when the lower-cased answer contains it. */
  readonly expectContains: string;
}

/** Sends one probe to the endpoint and resolves with the answer text; rejects when it failed. */
export type SendProbe = (spec: CanarySpec, signal: AbortSignal) => Promise<string>;

export type ProbeResult = 'passed' | 'wrong_answer' | 'failed' | 'timeout';

export interface CanaryVerdict {
  readonly endpointId: string;
  readonly ready: boolean;
  readonly result: ProbeResult;
  /** Start to answer; null when no answer came. */
  readonly latencyMs: number | null;
  readonly checkedAt: number;
  readonly consecutivePasses: number;
  readonly consecutiveFailures: number;
}

export interface CanaryDeps {
  readonly clock: Clock;
  readonly timers: Timers;
  readonly send: SendProbe;
  /** Probes an endpoint only while this holds for it (it is not ejected or cooling down). */
  readonly quiet: (endpointId: string) => boolean;
  readonly timeoutMs: number;
  readonly onVerdict?: (verdict: CanaryVerdict) => void;
}

export function scoreAnswer(answer: string, expectContains: string): ProbeResult {
  return answer.toLowerCase().includes(expectContains) ? 'passed' : 'wrong_answer';
}

interface Entry {
  spec: CanarySpec;
  timer: TimerHandle | null;
  running: boolean;
}

export class CanaryScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly verdicts = new Map<string, CanaryVerdict>();
  private stopped = false;

  constructor(private readonly deps: CanaryDeps) {}

  /** Replaces the probed set; endpoints that stay keep their verdict and schedule. */
  configure(specs: readonly CanarySpec[]): void {
    const wanted = new Map(specs.map((spec) => [spec.endpointId, spec]));
    for (const [id, entry] of this.entries) {
      if (wanted.has(id)) continue;
      entry.timer?.cancel();
      this.entries.delete(id);
      this.verdicts.delete(id);
    }
    for (const spec of wanted.values()) {
      const entry = this.entries.get(spec.endpointId);
      if (entry === undefined) this.start(spec);
      else if (entry.spec.intervalMs !== spec.intervalMs) this.reschedule(entry, spec);
      else entry.spec = spec;
    }
  }

  verdict(endpointId: string): CanaryVerdict | undefined {
    return this.verdicts.get(endpointId);
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) entry.timer?.cancel();
    this.entries.clear();
  }

  private start(spec: CanarySpec): void {
    const entry: Entry = { spec, timer: null, running: false };
    this.entries.set(spec.endpointId, entry);
    this.schedule(entry);
  }

  private reschedule(entry: Entry, spec: CanarySpec): void {
    entry.timer?.cancel();
    entry.spec = spec;
    if (!entry.running) this.schedule(entry);
  }

  private schedule(entry: Entry): void {
    if (this.stopped || this.entries.get(entry.spec.endpointId) !== entry) return;
    entry.timer = this.deps.timers.after(entry.spec.intervalMs, () => void this.tick(entry));
  }

  private async tick(entry: Entry): Promise<void> {
    entry.timer = null;
    if (this.deps.quiet(entry.spec.endpointId)) {
      entry.running = true;
      const verdict = await this.probe(entry.spec);
      entry.running = false;
      if (this.entries.get(entry.spec.endpointId) === entry) {
        this.verdicts.set(verdict.endpointId, verdict);
        this.deps.onVerdict?.(verdict);
      }
    }
    this.schedule(entry);
  }

  private async probe(spec: CanarySpec): Promise<CanaryVerdict> {
    const { clock, timers, send, timeoutMs } = this.deps;
    const startedAt = clock.now();
    const controller = new AbortController();
    let timedOut = false;
    const timer = timers.after(timeoutMs, () => {
      timedOut = true;
      controller.abort(new Error('canary probe timed out'));
    });
    let result: ProbeResult;
    let latencyMs: number | null = null;
    try {
      const answer = await send(spec, controller.signal);
      latencyMs = clock.now() - startedAt;
      result = timedOut ? 'timeout' : scoreAnswer(answer, spec.expectContains);
    } catch {
      result = timedOut ? 'timeout' : 'failed';
    } finally {
      timer.cancel();
    }
    return this.judge(spec.endpointId, result, latencyMs);
  }

  private judge(endpointId: string, result: ProbeResult, latencyMs: number | null): CanaryVerdict {
    const previous = this.verdicts.get(endpointId);
    const passed = result === 'passed';
    return {
      endpointId,
      ready: passed,
      result,
      latencyMs,
      checkedAt: this.deps.clock.now(),
      consecutivePasses: passed ? (previous?.consecutivePasses ?? 0) + 1 : 0,
      consecutiveFailures: passed ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
    };
  }
}
