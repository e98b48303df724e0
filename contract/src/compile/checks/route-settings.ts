import type { ModelRoute } from '../../api/types.js';
import { finding, quote, type Check } from '../context.js';

function retryProblems(route: ModelRoute): string[] {
  const retry = route.spec.retry;
  const base = retry?.baseBackoffMilliseconds;
  const max = retry?.maxBackoffMilliseconds;
  return base !== undefined && max !== undefined && base > max ? ['retry.baseBackoffMilliseconds exceeds maxBackoffMilliseconds'] : [];
}

function ruleProblems(route: ModelRoute): string[] {
  return (route.spec.semantic?.rules ?? []).flatMap((rule) => {
    const { minPromptTokens: min, maxPromptTokens: max } = rule.when;
    return min !== undefined && max !== undefined && min > max ? [`rule ${quote(rule.name)}: minPromptTokens exceeds maxPromptTokens`] : [];
  });
}

function experimentProblems(route: ModelRoute): string[] {
  return (route.spec.experiments ?? []).flatMap((experiment) => {
    const where = `experiment ${quote(experiment.name)}`;
    const found: string[] = [];
    if (experiment.variants.every((variant) => variant.weight === 0)) found.push(`${where}: every variant has weight 0`);
    if (experiment.sticky === 'header' && experiment.stickyHeader === undefined) found.push(`${where}: sticky "header" needs stickyHeader`);
    const evaluator = experiment.evaluator;
    if (evaluator?.type === 'judge' && evaluator.judgeTarget === undefined) found.push(`${where}: a judge evaluator needs judgeTarget`);
    if (evaluator?.type === 'expected-answer' && evaluator.expectContains === undefined) {
      found.push(`${where}: an expected-answer evaluator needs expectContains`);
    }
    return found;
  });
}

function loggingProblems(route: ModelRoute): string[] {
  const logging = route.spec.logging;
  const hashes = (logging?.fields ?? []).some((field) => field.action === 'hash');
  return hashes && logging?.hashKeySecretRef === undefined ? ['logging: fields with action "hash" need hashKeySecretRef'] : [];
}

/** Settings of one route that contradict each other. */
export const routeSettingsConsistent: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => [
  ...retryProblems(route), ...ruleProblems(route), ...experimentProblems(route), ...loggingProblems(route),
].map((problem) => finding(route, 'InvalidValue', problem)));
