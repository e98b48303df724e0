// One request as one OTLP span (JSON encoding: ids in hex, 64-bit integers as decimal strings).
// The sidecar is a single span of the client's trace: kind SERVER, named after the GenAI
// operation and model, with the GenAI semantic conventions' attributes and our own routing facts
// under switchyard.*. Attempts are attributes, not child spans: the provider's span hangs off
// this one through the traceparent sent upstream.

import type { FinishedExchange } from '../http/finish.js';

export interface OtlpAttribute {
  readonly key: string;
  readonly value: { readonly stringValue: string } | { readonly intValue: string } | { readonly boolValue: boolean };
}

export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly OtlpAttribute[];
  readonly status: { readonly code: number; readonly message?: string };
}

/** Prompt and response, when content capture is on and the exchange carried them. */
export interface SpanContent {
  readonly input?: unknown;
  readonly output?: unknown;
}

const SPAN_KIND_SERVER = 2;
const STATUS_UNSET = 0;
const STATUS_ERROR = 2;

export function spanOf(finished: FinishedExchange, content?: SpanContent): OtlpSpan {
  const { ex, status, seconds } = finished;
  const { report, trace } = ex;
  const startNs = epochNanos(performance.timeOrigin + ex.startedAt);
  const model = report.served?.model ?? '';
  const attributes = [
    ...genAiAttributes(finished),
    text('http.request.method', ex.req.method ?? ''),
    text('url.path', (ex.req.url ?? '').split('?')[0] ?? ''),
    integer('http.response.status_code', status),
    text('switchyard.request_id', ex.requestId),
    text('switchyard.route', report.route),
    text('switchyard.use_case', report.useCase),
    text('switchyard.decided_by', report.decidedBy),
    text('switchyard.target', report.served?.target ?? ''),
    text('switchyard.endpoint', report.served?.endpointId ?? ''),
    integer('switchyard.attempts', report.attempts),
    text('switchyard.provider_request_id', report.providerRequestId ?? ''),
    text('error.type', report.errorCode ?? (status >= 500 ? String(status) : '')),
    text('gen_ai.input.messages', content?.input === undefined ? '' : JSON.stringify(content.input)),
    text('gen_ai.output.messages', content?.output === undefined ? '' : JSON.stringify(content.output)),
  ].filter((attribute): attribute is OtlpAttribute => attribute !== null);
  const failed = report.errorCode !== null || status >= 500;
  return {
    traceId: trace.traceId,
    spanId: trace.spanId,
    ...(trace.parentSpanId === null ? {} : { parentSpanId: trace.parentSpanId }),
    name: report.operation === '' ? `${ex.req.method ?? 'GET'} ${report.route || 'sidecar'}` : `${report.operation} ${model}`.trim(),
    kind: SPAN_KIND_SERVER,
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: (startNs + BigInt(Math.round(seconds * 1e9))).toString(),
    attributes,
    status: failed ? { code: STATUS_ERROR, message: report.errorCode ?? `HTTP ${status}` } : { code: STATUS_UNSET },
  };
}

function genAiAttributes({ ex }: FinishedExchange): (OtlpAttribute | null)[] {
  const { report } = ex;
  const usage = report.usage;
  return [
    text('gen_ai.operation.name', report.operation),
    text('gen_ai.system', report.provider),
    text('gen_ai.request.model', report.served?.model ?? ''),
    text('gen_ai.response.model', report.served?.upstreamModel ?? ''),
    usage === null ? null : integer('gen_ai.usage.input_tokens', usage.prompt_tokens),
    usage === null ? null : integer('gen_ai.usage.output_tokens', usage.completion_tokens),
    report.operation === '' ? null : { key: 'gen_ai.request.stream', value: { boolValue: report.streaming } },
  ];
}

/** Empty values are left out: an absent attribute reads better than an empty one. */
function text(key: string, value: string): OtlpAttribute | null {
  return value === '' ? null : { key, value: { stringValue: value } };
}

function integer(key: string, value: number): OtlpAttribute | null {
  return Number.isFinite(value) ? { key, value: { intValue: String(Math.round(value)) } } : null;
}

function epochNanos(epochMs: number): bigint {
  const wholeMs = Math.floor(epochMs);
  return BigInt(wholeMs) * 1_000_000n + BigInt(Math.round((epochMs - wholeMs) * 1_000_000));
}
