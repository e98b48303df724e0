import type { PoolEndpoint, RouteTimeouts } from '../../api/types.js';
import type { Timeouts } from '../../config/types.js';
import { FLAVOR_TIMEOUTS, IN_CLUSTER_CONNECT_MS, PROVIDER_TIMEOUTS } from '../defaults.js';

/** Provider default, then flavor, then inCluster, then the endpoint's own values. */
export function endpointTimeouts(endpoint: PoolEndpoint): Timeouts {
  const flavor = endpoint.provider === 'openai-compatible' && endpoint.flavor ? FLAVOR_TIMEOUTS[endpoint.flavor] : undefined;
  const own = endpoint.timeouts;
  const base = { ...PROVIDER_TIMEOUTS[endpoint.provider], ...flavor };
  return {
    connectMs: own?.connectMilliseconds ?? (endpoint.inCluster ? IN_CLUSTER_CONNECT_MS : base.connectMs),
    firstByteMs: own?.firstByteMilliseconds ?? base.firstByteMs,
    idleMs: own?.idleMilliseconds ?? base.idleMs,
    totalMs: own?.totalMilliseconds ?? base.totalMs,
  };
}

/** A route's timeouts override its endpoints' for requests of that route. */
export function routeTimeouts(endpoint: PoolEndpoint, overrides: RouteTimeouts | undefined): Timeouts {
  const timeouts = endpointTimeouts(endpoint);
  return {
    connectMs: timeouts.connectMs,
    firstByteMs: overrides?.firstByteMilliseconds ?? timeouts.firstByteMs,
    idleMs: overrides?.idleMilliseconds ?? timeouts.idleMs,
    totalMs: overrides?.totalMilliseconds ?? timeouts.totalMs,
  };
}
