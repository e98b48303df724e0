import type { ModelRoute } from '../../api/types.js';
import { finding, quote, type Check } from '../context.js';
import type { Finding } from '../types.js';

/** [where the name appears, target name] for every target reference except the failover chain. */
function targetReferences(route: ModelRoute): [string, string][] {
  const { spec } = route;
  const semantic = spec.semantic;
  return [
    ...(spec.useCases ?? []).flatMap((useCase) => useCase.targets.map((name): [string, string] => [`use case ${quote(useCase.name)}`, name])),
    ...(semantic?.rules ?? []).map((rule): [string, string] => [`rule ${quote(rule.name)}`, rule.target]),
    ...(semantic?.intents ?? []).flatMap((intent) => (intent.targets ?? []).map((name): [string, string] => [`intent ${quote(intent.name)}`, name])),
    ...(semantic?.defaultTarget === undefined ? [] : [['semantic.defaultTarget', semantic.defaultTarget] as [string, string]]),
    ...(spec.experiments ?? []).flatMap((experiment) => [
      ...experiment.variants.map((variant): [string, string] => [`experiment ${quote(experiment.name)} variant ${quote(variant.name)}`, variant.target]),
      ...(experiment.evaluator?.judgeTarget === undefined ? [] : [[`experiment ${quote(experiment.name)} judge`, experiment.evaluator.judgeTarget] as [string, string]]),
    ]),
  ];
}

function intentFindings(route: ModelRoute): Finding[] {
  const intents = new Set((route.spec.semantic?.intents ?? []).map((intent) => intent.name));
  return (route.spec.experiments ?? [])
    .filter((experiment) => experiment.intent !== undefined && !intents.has(experiment.intent))
    .map((experiment) => finding(route, 'IntentNotFound', `experiment ${quote(experiment.name)}: intent ${quote(experiment.intent ?? '')} is not defined in semantic.intents`));
}

/** Every target name a route uses is one of its targets; every intent an experiment names exists. */
export const targetReferencesExist: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => {
  const targets = new Set(route.spec.targets.map((target) => target.name));
  const missing = targetReferences(route)
    .filter(([, name]) => !targets.has(name))
    .map(([where, name]) => finding(route, 'TargetNotFound', `${where}: target ${quote(name)} is not a target of the route`));
  return [...missing, ...intentFindings(route)];
});
