// The budgets a request falls under: those covering its route whose header (if any) it carries.
// Pod labels were matched by compile for a workload's config; in a namespace-wide config
// (standalone) a budget scoped to pod labels is applied, erring toward enforcement.
import type { IncomingHttpHeaders } from 'node:http';
import type { CompiledBudget } from '@switchyard/contract';

export function applicableBudgets(budgets: readonly CompiledBudget[], route: string, headers: IncomingHttpHeaders): CompiledBudget[] {
  return budgets.filter((budget) => budget.scope.routes.includes(route) && headerMatches(budget.scope.header, headers));
}

function headerMatches(header: CompiledBudget['scope']['header'], headers: IncomingHttpHeaders): boolean {
  if (header === null) return true;
  const value = headers[header.name];
  if (typeof value !== 'string') return false;
  return header.value === null || value === header.value;
}

/** Team and feature for a usage record: the first budget of the request that names them, else any of the config's. */
export function attributionOf(covering: readonly CompiledBudget[], all: readonly CompiledBudget[]): { team: string; feature: string } {
  const pick = (field: 'team' | 'feature'): string => covering.find((budget) => budget.attribution[field] !== null)?.attribution[field]
    ?? all.find((budget) => budget.attribution[field] !== null)?.attribution[field] ?? '';
  return { team: pick('team'), feature: pick('feature') };
}
