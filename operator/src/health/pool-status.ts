// The health part of a ProviderPool's status: `status.endpoints[].health|canaryReady|message`
// and the printer column `status.health` ("2/3 healthy"). Other fields of an endpoint's entry
// (quotaRemaining, written by budget accounting) are carried over from the current status, so
// this merge never erases what another writer put there.

import type { ProviderPool } from '@switchyard/contract';
import type { SidecarState } from '../channel/hub.js';
import { aggregateEndpoint, reportsFor, type EndpointVerdict } from './aggregate.js';

export type PoolHealthFields = {
  readonly endpoints: readonly Record<string, unknown>[];
  readonly health: string;
};

/** Status fields for the pool from the sidecars of its namespace. */
export function poolHealthFields(pool: ProviderPool, sidecars: readonly SidecarState[]): PoolHealthFields {
  const verdicts = pool.spec.endpoints.map((endpoint) => ({
    name: endpoint.name,
    verdict: aggregateEndpoint(reportsFor(`${pool.metadata.name}/${endpoint.name}`, sidecars)),
  }));
  const healthy = verdicts.filter(({ verdict }) => verdict.health === 'Healthy').length;
  return {
    endpoints: mergeEndpointStatuses(pool.status?.endpoints, verdicts),
    health: `${healthy}/${verdicts.length} healthy`,
  };
}

/** Each named endpoint's entry: the current one with the health fields replaced. */
export function mergeEndpointStatuses(current: readonly unknown[] | undefined, verdicts: readonly { name: string; verdict: EndpointVerdict }[]): Record<string, unknown>[] {
  const byName = new Map((current ?? []).flatMap((entry) => {
    const fields = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
    return typeof fields?.['name'] === 'string' ? [[fields['name'], fields] as const] : [];
  }));
  return verdicts.map(({ name, verdict }) => {
    const { canaryReady: _owned, ...kept } = byName.get(name) ?? {};
    return { ...kept, name, health: verdict.health, ...(verdict.canaryReady === undefined ? {} : { canaryReady: verdict.canaryReady }), message: verdict.message };
  });
}
