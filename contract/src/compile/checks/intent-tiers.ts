import { finding, quote, type Check } from '../context.js';
import { intentTargets } from '../resolve/route-targets.js';

/** Each intent keeps at least one target that meets its required tier. */
export const intentTiersMet: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => (route.spec.semantic?.intents ?? [])
  .filter((intent) => intentTargets(route, intent).length === 0)
  .map((intent) => finding(route, 'NoEligibleTarget',
    `intent ${quote(intent.name)}: no target it may use has qualityTier ${intent.requiredTier} or more`)));
