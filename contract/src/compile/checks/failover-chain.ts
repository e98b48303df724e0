// Chains cannot cross routes, so a cycle is a chain that comes back to a target it already
// listed. The default target may appear: a request a rule sent elsewhere then falls back to it,
// and the sidecar skips any target an attempt already tried.
import type { ModelRoute } from '../../api/types.js';
import { duplicates, finding, quote, type Check } from '../context.js';
import type { Finding } from '../types.js';

function chainFindings(route: ModelRoute): Finding[] {
  const chain = route.spec.failover?.chain ?? [];
  const targets = new Set(route.spec.targets.map((target) => target.name));
  const found = chain
    .filter((name) => !targets.has(name))
    .map((name) => finding(route, 'TargetNotFound', `failover chain: target ${quote(name)} is not a target of the route`));
  for (const name of duplicates(chain)) {
    found.push(finding(route, 'FailoverCycle', `failover chain visits target ${quote(name)} more than once`));
  }
  return found;
}

export const failoverChainValid: Check = (ctx) => [...ctx.routes.values()].flatMap(chainFindings);
