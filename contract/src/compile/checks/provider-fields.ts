import type { PoolEndpoint } from '../../api/types.js';
import { finding, quote, type Check } from '../context.js';

function problems(endpoint: PoolEndpoint): string[] {
  const found: string[] = [];
  if (endpoint.provider === 'azure-openai') {
    if (endpoint.apiVersion === undefined) found.push('azure-openai needs apiVersion');
    for (const model of endpoint.models) {
      if (model.deployment === undefined) found.push(`azure-openai model ${quote(model.name)} needs a deployment`);
    }
  }
  if (endpoint.flavor !== undefined && endpoint.flavor !== 'generic' && endpoint.provider !== 'openai-compatible') {
    found.push(`flavor ${quote(endpoint.flavor)} only applies to provider openai-compatible`);
  }
  return found;
}

/** Fields some providers require or forbid. */
export const providerFields: Check = (ctx) => [...ctx.pools.values()].flatMap((pool) => pool.spec.endpoints.flatMap(
  (endpoint) => problems(endpoint).map((problem) => finding(pool, 'InvalidValue', `endpoint ${quote(endpoint.name)}: ${problem}`)),
));
