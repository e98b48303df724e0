import { finding, quote, type Check } from '../context.js';
import { checkBaseURL } from '../resolve/endpoint-url.js';

/** Endpoint URLs are https and public unless the endpoint is explicitly inCluster. */
export const endpointURLsSafe: Check = (ctx) => [...ctx.pools.values()].flatMap((pool) => pool.spec.endpoints.flatMap((endpoint) => {
  const result = checkBaseURL(endpoint.baseURL, endpoint.inCluster === true);
  return result.ok ? [] : [finding(pool, 'UnsafeURL', `endpoint ${quote(endpoint.name)}: baseURL ${result.problem}`)];
}));
