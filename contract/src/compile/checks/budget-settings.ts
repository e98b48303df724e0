import type { BudgetPolicy } from '../../api/types.js';
import { parseMicroUsd } from '../../decimal.js';
import { duplicates, finding, type Check } from '../context.js';

function problems(budget: BudgetPolicy): string[] {
  const { spec } = budget;
  const found: string[] = [];
  const limit = parseMicroUsd(spec.limit);
  const perRequest = spec.maxRequestCost === undefined ? null : parseMicroUsd(spec.maxRequestCost);
  if (limit !== null && perRequest !== null && perRequest > limit) found.push('maxRequestCost exceeds limit');
  const thresholds = (spec.thresholds ?? []).map((threshold) => `${threshold.percent}% ${threshold.action}`);
  found.push(...duplicates(thresholds).map((threshold) => `threshold ${threshold} is listed more than once`));
  return found;
}

/** Budget limits and thresholds that contradict each other. */
export const budgetSettingsConsistent: Check = (ctx) => [...ctx.budgets.values()]
  .flatMap((budget) => problems(budget).map((problem) => finding(budget, 'InvalidValue', problem)));
