import { quote, type Check } from '../context.js';
import { secretRefFindings } from './secret-refs.js';

/** Every endpoint credential names an existing Secret and key. */
export const poolSecretsExist: Check = (ctx) => [...ctx.pools.values()].flatMap((pool) => pool.spec.endpoints.flatMap(
  (endpoint) => endpoint.credentials
    ? secretRefFindings(ctx, pool, `endpoint ${quote(endpoint.name)} credentials`, endpoint.credentials.secretRef)
    : [],
));
