import type { BudgetPolicy } from '../../api/types.js';
import { exists, finding, quote, type Check, type CheckContext } from '../context.js';
import { sortedUnique } from '../order.js';
import type { Finding } from '../types.js';

function budgetFindings(ctx: CheckContext, budget: BudgetPolicy): Finding[] {
  const named = budget.spec.scope.routes;
  const all = [...ctx.routes.keys(), ...ctx.rejected.ModelRoute];
  const selected = named ?? all;
  const missing = (named ?? []).filter((name) => !exists(ctx, 'ModelRoute', name));
  if (missing.length > 0) {
    return [finding(budget, 'BudgetTargetsNothing', `ModelRoute ${missing.map(quote).join(', ')} not found in namespace ${quote(ctx.namespace)}`)];
  }
  if (selected.length === 0) {
    return [finding(budget, 'BudgetTargetsNothing', named ? 'scope.routes is empty' : `namespace ${quote(ctx.namespace)} has no ModelRoute`)];
  }
  if (selected.every((name) => ctx.rejected.ModelRoute.has(name))) {
    return [finding(budget, 'RoutesNotAccepted', `no route it covers is accepted (${sortedUnique(selected).map(quote).join(', ')})`)];
  }
  return [];
}

/** A budget covers at least one existing, accepted route, and names no route that is missing. */
export const budgetTargetsExist: Check = (ctx) => [...ctx.budgets.values()].flatMap((budget) => budgetFindings(ctx, budget));
