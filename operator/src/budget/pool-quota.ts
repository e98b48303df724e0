// The quota part of a ProviderPool's status: `status.endpoints[].quotaRemaining` for endpoints
// with reserved or prepaid quota. Every other field of an entry (health, canaryReady, message,
// written by operator/src/health/) is carried over from the current status; an endpoint with no
// entry yet gets one with health Unknown, which the health writer fills in.
import type { ProviderPool } from '@switchyard/contract';

export function withQuotaRemaining(pool: ProviderPool, quotas: ReadonlyMap<string, string>): Record<string, unknown>[] {
  const current = new Map((pool.status?.endpoints ?? []).map((entry) => [entry.name, entry as unknown as Record<string, unknown>]));
  return pool.spec.endpoints.map((endpoint) => {
    const entry = current.get(endpoint.name) ?? { name: endpoint.name, health: 'Unknown' };
    const quota = quotas.get(endpoint.name);
    return quota === undefined ? entry : { ...entry, quotaRemaining: quota };
  });
}
