// Two routes may share a model name when header matches or workload selectors tell them apart.
// Otherwise the route that takes precedence keeps it and the other is refused whole. Routes
// already refused claim nothing, so a broken route cannot block a good one.
import type { ModelRoute } from '../../api/types.js';
import { finding, quote, type Check } from '../context.js';
import { compareRoutePrecedence, headerKey } from '../precedence.js';
import { selectorsMayOverlap } from '../selector.js';
import type { Finding } from '../types.js';

export const aliasesUnique: Check = (ctx) => {
  const claims = new Map<string, ModelRoute[]>();
  const found: Finding[] = [];
  const candidates = [...ctx.routes.values()]
    .filter((route) => !ctx.rejected.ModelRoute.has(route.metadata.name))
    .sort(compareRoutePrecedence);
  for (const route of candidates) {
    const key = headerKey(route);
    const conflicts = route.spec.match.models.flatMap((alias) => (claims.get(`${alias}\u0000${key}`) ?? [])
      .filter((holder) => selectorsMayOverlap(holder.spec.workloadSelector, route.spec.workloadSelector))
      .map((holder) => `model name ${quote(alias)} is already claimed by ModelRoute ${quote(holder.metadata.name)} with the same header matches`));
    if (conflicts.length > 0) {
      found.push(...conflicts.map((message) => finding(route, 'AliasConflict', message)));
      continue;
    }
    for (const alias of route.spec.match.models) {
      const claimKey = `${alias}\u0000${key}`;
      claims.set(claimKey, [...(claims.get(claimKey) ?? []), route]);
    }
  }
  return found;
};
