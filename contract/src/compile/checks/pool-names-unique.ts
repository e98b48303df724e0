import { duplicates, finding, quote, type Check } from '../context.js';

/** Endpoints of a pool, and models of an endpoint, are keyed by name. */
export const poolNamesUnique: Check = (ctx) => [...ctx.pools.values()].flatMap((pool) => [
  ...duplicates(pool.spec.endpoints.map((endpoint) => endpoint.name))
    .map((name) => finding(pool, 'DuplicateName', `endpoint ${quote(name)} is listed more than once`)),
  ...pool.spec.endpoints.flatMap((endpoint) => duplicates(endpoint.models.map((model) => model.name))
    .map((name) => finding(pool, 'DuplicateName', `endpoint ${quote(endpoint.name)}: model ${quote(name)} is listed more than once`))),
]);
