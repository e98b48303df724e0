// Target choices a route makes before any request: its default target and each intent's
// eligible targets.
import type { Intent, ModelRoute, RouteTarget } from '../../api/types.js';
import { DEFAULT_QUALITY_TIER } from '../defaults.js';
import { compareText } from '../order.js';

export function tierOf(target: RouteTarget): number {
  return target.qualityTier ?? DEFAULT_QUALITY_TIER;
}

/** semantic.defaultTarget, else the first target. */
export function defaultTargetOf(route: ModelRoute): string {
  return route.spec.semantic?.defaultTarget ?? route.spec.targets[0]!.name;
}

/** Targets the intent may use that meet its tier, cheapest tier first, then by name. */
export function intentTargets(route: ModelRoute, intent: Intent): string[] {
  const allowed = intent.targets === undefined ? undefined : new Set(intent.targets);
  return route.spec.targets
    .filter((target) => (allowed === undefined || allowed.has(target.name)) && tierOf(target) >= intent.requiredTier)
    .sort((a, b) => tierOf(a) - tierOf(b) || compareText(a.name, b.name))
    .map((target) => target.name);
}
