import { finding, quote, type Check } from '../context.js';
import { resolveDataClasses } from '../resolve/data-classes.js';
import { resolveRouteTargets, type ResolvedBackend } from '../resolve/targets.js';

/** Every data class names a real class and leaves the route at least one endpoint to use. */
export const dataPolicyServable: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => {
  const policy = route.spec.dataPolicy;
  if (!policy) return [];
  const resolved = resolveRouteTargets(ctx, route);
  // Unresolved targets are reported by targetsResolve; judging eligibility without them would mislead.
  if (resolved.size !== route.spec.targets.length) return [];
  const backends: ResolvedBackend[] = [...resolved.values()].flat();
  const { classes, missingClasses } = resolveDataClasses(policy, backends);
  return [
    ...missingClasses.map((message) => finding(route, 'ClassNotFound', message)),
    ...classes.filter((dataClass) => dataClass.endpointIds.length === 0).map((dataClass) => finding(route, 'NoEligibleEndpoint',
      `data class ${quote(dataClass.name)}: no endpoint of the route's targets meets its jurisdiction and compliance rules`)),
  ];
});
