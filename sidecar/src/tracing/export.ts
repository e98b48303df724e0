// Optional span export: off unless the OpenTelemetry environment names an OTLP endpoint
// (otlp-settings.ts). When on, a finish listener turns each sampled request into a span and
// hands it to the batching exporter; the request never waits for it.

import type { FinishListener } from '../http/finish.js';
import type { Logger } from '../metrics/log.js';
import { recordSpansDropped, recordSpansExported } from '../metrics/tracing.js';
import { OtlpSpanExporter } from './otlp-exporter.js';
import { otlpSettingsOf, type OtlpSettings } from './otlp-settings.js';
import { spanOf, type SpanContent } from './span.js';
import type { Exchange } from '../http/exchange.js';

export interface SpanExport {
  readonly settings: OtlpSettings;
  readonly listener: FinishListener;
  /** Sends every queued span now (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Where a span finds the prompt and response when content capture is on. */
export type ContentSource = (ex: Exchange) => SpanContent | undefined;

const FAILURE_LOG_INTERVAL_MS = 60_000;

/** Null when export is off (the default) or its settings are unusable (logged). */
export function startSpanExport(env: Readonly<Record<string, string | undefined>>, log: Logger, content?: ContentSource): SpanExport | null {
  const outcome = otlpSettingsOf(env);
  if (outcome.kind === 'off') return null;
  if (outcome.kind === 'invalid') {
    log.warn('span export disabled', { problem: outcome.problem });
    return null;
  }
  for (const warning of outcome.warnings) log.warn('span export', { problem: warning });
  const { settings } = outcome;
  let lastFailureLogAt = -Infinity;
  const exporter = new OtlpSpanExporter(settings, {
    exported: recordSpansExported,
    dropped: recordSpansDropped,
    failed: (error) => {
      // A collector that is away fails every batch; one line a minute says so.
      if (Date.now() - lastFailureLogAt < FAILURE_LOG_INTERVAL_MS) return;
      lastFailureLogAt = Date.now();
      log.warn('span export failed; spans dropped', { url: settings.url, error });
    },
  });
  log.info('exporting spans over OTLP', { url: settings.url, captureContent: settings.captureContent });
  const listener: FinishListener = (finished) => {
    // Parent-based sampling: a client that did not sample its trace gets no span from us either.
    if (finished.ex.trace.flags !== '01') return;
    exporter.add(spanOf(finished, settings.captureContent ? content?.(finished.ex) : undefined));
  };
  return { settings, listener, flush: () => exporter.flush(), close: () => exporter.close() };
}
