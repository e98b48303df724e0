import type { ModelRoute } from '../../api/types.js';
import { finding, quote, type Check } from '../context.js';
import type { Finding } from '../types.js';

/**
 * A request joins at most one experiment, so two experiments may not split the same traffic:
 * the same intent, or (without an intent) the whole route.
 */
function overlaps(route: ModelRoute): Finding[] {
  const byScope = new Map<string, string[]>();
  for (const experiment of route.spec.experiments ?? []) {
    const scope = experiment.intent === undefined ? '' : experiment.intent;
    byScope.set(scope, [...(byScope.get(scope) ?? []), experiment.name]);
  }
  return [...byScope].filter(([, names]) => names.length > 1).map(([scope, names]) => {
    const what = scope === '' ? 'every request of the route' : `intent ${quote(scope)}`;
    return finding(route, 'InvalidValue', `experiments ${names.map(quote).join(' and ')} both split ${what}; keep one experiment per intent`);
  });
}

/** Each intent (and the route as a whole) is split by at most one experiment. */
export const experimentsDisjoint: Check = (ctx) => [...ctx.routes.values()].flatMap(overlaps);
