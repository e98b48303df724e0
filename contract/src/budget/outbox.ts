// Usage records on their way to the operator, at least once: records are numbered into frames
// with a per-source sequence number, kept until the operator acknowledges that number (it
// acknowledges only after persisting), and every unacknowledged frame is sent again, in order,
// after a reconnect. The operator drops frames at or below what it applied, so a resend is
// never counted twice. The source is one sidecar process (pod and boot id): a restarted sidecar
// numbers from 1 again under a new source.

export interface UsageBatch<Record> {
  readonly source: string;
  readonly seq: number;
  readonly records: readonly Record[];
}

export class UsageOutbox<Record> {
  private pending: Record[] = [];
  private readonly unacked: UsageBatch<Record>[] = [];
  private seq = 0;

  constructor(readonly source: string, private readonly maxRecordsPerFrame = 200) {}

  add(record: Record): void {
    this.pending.push(record);
  }

  /** Numbers the pending records into frames, keeps them until acknowledged, and returns them to send. */
  drain(): UsageBatch<Record>[] {
    const frames: UsageBatch<Record>[] = [];
    while (this.pending.length > 0) {
      const records = this.pending.slice(0, this.maxRecordsPerFrame);
      this.pending = this.pending.slice(records.length);
      this.seq += 1;
      const frame = { source: this.source, seq: this.seq, records };
      this.unacked.push(frame);
      frames.push(frame);
    }
    return frames;
  }

  /** Every frame not yet acknowledged, oldest first (after a reconnect). */
  resend(): UsageBatch<Record>[] {
    return [...this.unacked];
  }

  /** The operator applied everything up to `seq`. */
  ack(seq: number): void {
    while (this.unacked.length > 0 && this.unacked[0]!.seq <= seq) this.unacked.shift();
  }

  get backlog(): number {
    return this.pending.length + this.unacked.reduce((sum, frame) => sum + frame.records.length, 0);
  }
}
