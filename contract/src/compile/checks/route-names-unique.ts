import type { ModelRoute } from '../../api/types.js';
import { duplicates, finding, quote, type Check } from '../context.js';

function keyedLists(route: ModelRoute): [string, string[]][] {
  const { spec } = route;
  return [
    ['target', spec.targets.map((target) => target.name)],
    ['model name', spec.match.models],
    ['header match', (spec.match.headers ?? []).map((header) => header.name.toLowerCase())],
    ['use case', (spec.useCases ?? []).map((useCase) => useCase.name)],
    ...(spec.useCases ?? []).map((useCase): [string, string[]] => [`use case ${quote(useCase.name)}: target`, useCase.targets]),
    ...(spec.semantic?.intents ?? []).map((intent): [string, string[]] => [`intent ${quote(intent.name)}: target`, intent.targets ?? []]),
    ['semantic rule', (spec.semantic?.rules ?? []).map((rule) => rule.name)],
    ['intent', (spec.semantic?.intents ?? []).map((intent) => intent.name)],
    ['data class', (spec.dataPolicy?.classes ?? []).map((dataClass) => dataClass.name)],
    ['PII entity', (spec.pii?.entities ?? []).map((entity) => entity.type)],
    ['custom PII pattern', (spec.pii?.custom ?? []).map((custom) => custom.name)],
    ['logging field', (spec.logging?.fields ?? []).map((field) => field.field)],
    ['experiment', (spec.experiments ?? []).map((experiment) => experiment.name)],
    ...(spec.experiments ?? []).map((experiment): [string, string[]] =>
      [`variant of experiment ${quote(experiment.name)}:`, experiment.variants.map((variant) => variant.name)]),
  ];
}

/** Lists the route keys by name hold each name once. */
export const routeNamesUnique: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => keyedLists(route).flatMap(
  ([what, names]) => duplicates(names).map((name) => finding(route, 'DuplicateName', `${what} ${quote(name)} is listed more than once`)),
));
