// A compiled route as the routing decision needs it, built once per config: rules with their
// patterns compiled, the intent scorer with its weights decoded, targets and use cases by name.

import type { CompiledRoute, CompiledTarget, IntentConfig } from '@switchyard/contract';
import { IntentScorer } from './intent.js';
import { compileRules, rulesNeedLowerText, type CompiledRule } from './rules.js';

export interface DataClassPlan {
  readonly classHeader: string | null;
  readonly defaultClass: string;
  /** Class → endpoint ids allowed to see its requests. */
  readonly classes: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface RoutePlan {
  readonly name: string;
  readonly defaultTarget: string;
  readonly useCaseHeader: string;
  /** Null when the route does not let clients name a target. */
  readonly overrideHeader: string | null;
  readonly targets: ReadonlyMap<string, CompiledTarget>;
  /** Target names in the route's order (sorted by name). */
  readonly targetNames: readonly string[];
  readonly useCases: ReadonlyMap<string, readonly string[]>;
  readonly rules: readonly CompiledRule[];
  readonly intents: ReadonlyMap<string, IntentConfig>;
  /** Null when the route declares no intents. */
  readonly scorer: IntentScorer | null;
  readonly minConfidence: number;
  readonly dataClasses: DataClassPlan | null;
  readonly needsLowerText: boolean;
}

/**
 * Throws when the route's intent model is malformed (a config that passed the schema is not).
 *
 * @example const plan = planRoute(config.routes[0]);
 */
export function planRoute(route: CompiledRoute): RoutePlan {
  const semantic = route.semantic;
  const rules = compileRules(semantic?.rules ?? []);
  const intents = semantic?.intents ?? [];
  const model = semantic?.model ?? null;
  return {
    name: route.name,
    defaultTarget: route.defaultTarget,
    useCaseHeader: route.useCaseHeader,
    overrideHeader: semantic?.override?.header ?? null,
    targets: new Map(route.targets.map((target) => [target.name, target])),
    targetNames: route.targets.map((target) => target.name),
    useCases: new Map(route.useCases.map((useCase) => [useCase.name, useCase.targets])),
    rules,
    intents: new Map(intents.map((intent) => [intent.name, intent])),
    scorer: intents.length > 0 && model !== null ? new IntentScorer(model) : null,
    minConfidence: semantic?.minConfidence ?? 1,
    dataClasses: route.dataPolicy === null ? null : {
      classHeader: route.dataPolicy.classHeader,
      defaultClass: route.dataPolicy.defaultClass,
      classes: new Map(route.dataPolicy.classes.map((dataClass) => [dataClass.name, new Set(dataClass.endpointIds)])),
    },
    needsLowerText: rulesNeedLowerText(rules),
  };
}
