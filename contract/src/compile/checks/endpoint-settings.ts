import type { PoolEndpoint, ProviderPool } from '../../api/types.js';
import { finding, quote, type Check } from '../context.js';
import type { Finding } from '../types.js';

function settingProblems(endpoint: PoolEndpoint): string[] {
  const found: string[] = [];
  const { commitment, health, timeouts } = endpoint;
  if (commitment && commitment.type !== 'pay-as-you-go' && commitment.quotaPerCycle === undefined) {
    found.push(`a ${commitment.type} commitment needs quotaPerCycle`);
  }
  if (health?.baseEjectionSeconds !== undefined && health.maxEjectionSeconds !== undefined
    && health.baseEjectionSeconds > health.maxEjectionSeconds) {
    found.push('health.baseEjectionSeconds exceeds maxEjectionSeconds');
  }
  if (timeouts?.firstByteMilliseconds !== undefined && timeouts.totalMilliseconds !== undefined
    && timeouts.firstByteMilliseconds > timeouts.totalMilliseconds) {
    found.push('timeouts.firstByteMilliseconds exceeds totalMilliseconds');
  }
  return found;
}

function endpointFindings(pool: ProviderPool, endpoint: PoolEndpoint): Finding[] {
  const where = `endpoint ${quote(endpoint.name)}`;
  const found = settingProblems(endpoint).map((problem) => finding(pool, 'InvalidValue', `${where}: ${problem}`));
  const probed = endpoint.canary?.model;
  if (probed !== undefined && !endpoint.models.some((model) => model.name === probed)) {
    found.push(finding(pool, 'ModelNotFound', `${where}: canary model ${quote(probed)} is not one of the endpoint's models`));
  }
  return found;
}

/** Commitment, health, timeout and canary settings that contradict each other. */
export const endpointSettings: Check = (ctx) => [...ctx.pools.values()]
  .flatMap((pool) => pool.spec.endpoints.flatMap((endpoint) => endpointFindings(pool, endpoint)));
