// Switches for what the sidecar records per request, so the bench can measure what it costs:
// SWITCHYARD_METRICS=off (no per-request metrics; /metrics still answers with process and
// config metrics) and SWITCHYARD_REQUEST_LOG=off (no request log line).

type Env = Readonly<Record<string, string | undefined>>;

export function metricsEnabled(env: Env = process.env): boolean {
  return !isOff(env['SWITCHYARD_METRICS']);
}

export function requestLogEnabled(env: Env = process.env): boolean {
  return !isOff(env['SWITCHYARD_REQUEST_LOG']);
}

function isOff(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'off';
}
