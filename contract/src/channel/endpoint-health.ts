// What a sidecar reports about the endpoints of its config (the `health` frame): each one's
// health as its passive health checks and canary see it. A frame carries the whole current list,
// so a replay or a resend after a reconnect changes nothing; the operator keeps the latest per
// pod and aggregates pods (operator/src/health/).

export const ENDPOINT_HEALTH_STATES = ['Healthy', 'Ejected', 'Broken'] as const;

/** Healthy: serving. Ejected: out of rotation after failures or a 429 cooldown. Broken: credentials refused or missing, quota gone, or its canary failing. */
export type EndpointHealthState = (typeof ENDPOINT_HEALTH_STATES)[number];

export interface EndpointHealthReport {
  /** `<pool>/<endpoint>`, the compiled endpoint id. */
  readonly id: string;
  readonly health: EndpointHealthState;
  /** Why it is not healthy (failures, rate_limited, quota, auth, credentials_missing, canary_failed); null when healthy. */
  readonly reason: string | null;
  /** The last canary verdict; null without a canary or before its first probe. */
  readonly canaryReady: boolean | null;
}

/** More than any one config's endpoints (the config schema caps them well below). */
export const MAX_HEALTH_REPORTS = 1024;

function isState(value: unknown): value is EndpointHealthState {
  return typeof value === 'string' && (ENDPOINT_HEALTH_STATES as readonly string[]).includes(value);
}

function reportOf(value: unknown): EndpointHealthReport | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entry = value as Record<string, unknown>;
  const { id, health } = entry;
  const reason = entry['reason'] ?? null;
  const canaryReady = entry['canaryReady'] ?? null;
  if (typeof id !== 'string' || id.length === 0 || id.length > 256 || !isState(health)) return undefined;
  if (reason !== null && (typeof reason !== 'string' || reason.length > 64)) return undefined;
  if (canaryReady !== null && typeof canaryReady !== 'boolean') return undefined;
  return { id, health, reason, canaryReady };
}

/** The reports of a health frame; undefined when any entry is malformed. */
export function parseHealthReports(value: unknown): EndpointHealthReport[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_HEALTH_REPORTS) return undefined;
  const reports = value.map(reportOf);
  return reports.every((report): report is EndpointHealthReport => report !== undefined) ? reports : undefined;
}
