// Span export settings from the OpenTelemetry SDK's standard environment variables. Export is off
// unless an OTLP endpoint is set (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT
// + /v1/traces), and OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true turn it off again.
// Only OTLP/HTTP with JSON bodies is spoken; collectors accept it on the same port as protobuf.

export interface OtlpSettings {
  /** Full URL spans are POSTed to. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly resource: Readonly<Record<string, string>>;
  readonly maxQueueSize: number;
  readonly maxBatchSize: number;
  readonly scheduleDelayMs: number;
  /** Prompt and response content on spans (gen_ai.input.messages / gen_ai.output.messages); off unless asked for. */
  readonly captureContent: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

export type SettingsOutcome =
  | { readonly kind: 'off' }
  | { readonly kind: 'on'; readonly settings: OtlpSettings; readonly warnings: readonly string[] }
  | { readonly kind: 'invalid'; readonly problem: string };

const DEFAULT_SERVICE_NAME = 'switchyard-sidecar';
const CONTENT_SWITCH = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

/** @example otlpSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }) // { kind: 'on', settings: { url: 'http://collector:4318/v1/traces', … } } */
export function otlpSettingsOf(env: Env): SettingsOutcome {
  if (flag(env['OTEL_SDK_DISABLED']) || listed(env['OTEL_TRACES_EXPORTER'], 'none')) return { kind: 'off' };
  const url = tracesUrlOf(env);
  if (url === undefined) return { kind: 'off' };
  if (!isHttpUrl(url)) return { kind: 'invalid', problem: `OTLP traces endpoint ${JSON.stringify(url)} is not an http(s) URL` };
  const warnings: string[] = [];
  const exporter = env['OTEL_TRACES_EXPORTER'];
  if (exporter !== undefined && exporter.trim() !== '' && !listed(exporter, 'otlp')) warnings.push(`OTEL_TRACES_EXPORTER=${exporter}: only otlp is supported; exporting over OTLP`);
  const protocol = env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL'];
  if (protocol !== undefined && protocol.trim() !== '' && protocol.trim() !== 'http/json') warnings.push(`OTLP protocol ${protocol}: only http/json is spoken; sending JSON`);
  const service = env['OTEL_SERVICE_NAME']?.trim();
  const resource = { ...pairsOf(env['OTEL_RESOURCE_ATTRIBUTES']), 'service.name': service !== undefined && service !== '' ? service : DEFAULT_SERVICE_NAME };
  return {
    kind: 'on',
    warnings,
    settings: {
      url,
      headers: { ...pairsOf(env['OTEL_EXPORTER_OTLP_HEADERS']), ...pairsOf(env['OTEL_EXPORTER_OTLP_TRACES_HEADERS']) },
      timeoutMs: positive(env['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'] ?? env['OTEL_EXPORTER_OTLP_TIMEOUT'], 10_000),
      resource,
      maxQueueSize: positive(env['OTEL_BSP_MAX_QUEUE_SIZE'], 2048),
      maxBatchSize: positive(env['OTEL_BSP_MAX_EXPORT_BATCH_SIZE'], 512),
      scheduleDelayMs: positive(env['OTEL_BSP_SCHEDULE_DELAY'], 5000),
      captureContent: flag(env[CONTENT_SWITCH]),
    },
  };
}

function tracesUrlOf(env: Env): string | undefined {
  const traces = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim();
  if (traces !== undefined && traces !== '') return traces;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  if (base === undefined || base === '') return undefined;
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `k1=v1,k2=v2` with percent-encoded values (the OTel spec's format for headers and resource attributes). */
function pairsOf(text: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of (text ?? '').split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    try {
      pairs[key] = decodeURIComponent(item.slice(at + 1).trim());
    } catch {
      pairs[key] = item.slice(at + 1).trim();
    }
  }
  return pairs;
}

function flag(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function listed(value: string | undefined, name: string): boolean {
  return (value ?? '').split(',').some((item) => item.trim().toLowerCase() === name);
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
