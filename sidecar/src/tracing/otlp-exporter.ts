// A batching OTLP/HTTP JSON span exporter that never blocks a request: `add` only pushes onto a
// bounded queue (a full queue drops the span and counts it); a timer or a full batch sends, one
// request in flight at a time, with a timeout; a failed send drops its batch (counted) rather
// than holding memory for a collector that is away. `close` sends what is queued, within a bound.

import { request } from 'undici';
import type { OtlpSettings } from './otlp-settings.js';
import type { OtlpSpan } from './span.js';

export type DropReason = 'queue_full' | 'export_failed';

export interface ExporterEvents {
  exported(spans: number): void;
  dropped(reason: DropReason, spans: number): void;
  failed(error: string): void;
}

const SCOPE = { name: 'switchyard-sidecar' };
const MAX_CLOSE_MS = 5_000;

export class OtlpSpanExporter {
  private queue: OtlpSpan[] = [];
  private sending: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private readonly resource: { attributes: { key: string; value: { stringValue: string } }[] };

  constructor(private readonly settings: OtlpSettings, private readonly events: ExporterEvents) {
    this.resource = { attributes: Object.entries(settings.resource).map(([key, value]) => ({ key, value: { stringValue: value } })) };
    this.timer = setInterval(() => this.flushSoon(), settings.scheduleDelayMs);
    this.timer.unref();
  }

  add(span: OtlpSpan): void {
    if (this.closed) return;
    if (this.queue.length >= this.settings.maxQueueSize) {
      this.events.dropped('queue_full', 1);
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= this.settings.maxBatchSize) this.flushSoon();
  }

  /** Sends everything queued now; resolves when the queue is empty or a send failed. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.sending !== null) {
      if (this.sending !== null) await this.sending;
      else this.flushSoon();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => { timer = setTimeout(resolve, MAX_CLOSE_MS); });
    await Promise.race([this.flush(), bound]);
    clearTimeout(timer);
  }

  private flushSoon(): void {
    if (this.sending !== null || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.settings.maxBatchSize);
    this.sending = this.send(batch).finally(() => {
      this.sending = null;
      if (this.queue.length >= this.settings.maxBatchSize) this.flushSoon();
    });
  }

  private async send(batch: readonly OtlpSpan[]): Promise<void> {
    const body = JSON.stringify({ resourceSpans: [{ resource: this.resource, scopeSpans: [{ scope: SCOPE, spans: batch }] }] });
    try {
      const response = await request(this.settings.url, {
        method: 'POST',
        headers: { ...this.settings.headers, 'content-type': 'application/json' },
        body,
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode > 299) throw new Error(`collector answered ${response.statusCode}`);
      this.events.exported(batch.length);
    } catch (error) {
      this.events.dropped('export_failed', batch.length);
      this.events.failed(error instanceof Error ? error.message : String(error));
    }
  }
}
