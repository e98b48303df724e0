import { finding, type Check } from '../context.js';
import { resolveTarget } from '../resolve/targets.js';

/** Each target's pool exists and is accepted, its endpoint exists, and some endpoint serves its model. */
export const targetsResolve: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => route.spec.targets.flatMap((target) => {
  const result = resolveTarget(ctx, target);
  return result.ok ? [] : [finding(route, result.reason, result.message)];
}));
