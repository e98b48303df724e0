// `x-switchyard-dry-run: true`: the route, the target the request would go to, and its predicted
// cost, answered without sending anything upstream or reserving anything.
import { formatMicroUsd, type CompiledBudget } from '@switchyard/contract';
import type { RouteRuntime } from '../config/runtime.js';
import type { Exchange } from '../http/exchange.js';
import { sendJson } from '../http/respond.js';
import type { CandidatePlan } from '../pipeline/candidates.js';
import type { BudgetKeeper } from './keeper.js';
import { candidateKey, type PlanPrice } from './pricing.js';

export interface DryRunChoice {
  readonly plan: CandidatePlan;
  readonly price: PlanPrice;
  readonly decision: 'ok' | 'downgraded';
}

export function answerDryRun(ex: Exchange, route: RouteRuntime, choice: DryRunChoice, budgets: readonly CompiledBudget[], keeper: BudgetKeeper): void {
  const first = choice.plan.candidates[0];
  const prediction = first === undefined ? undefined : choice.price.byCandidate.get(candidateKey(first.target, first.endpointId));
  const body = {
    object: 'switchyard.dry_run',
    route: route.name,
    target: first?.target ?? null,
    endpoint: first?.endpointId ?? null,
    model: first?.targetRuntime.model ?? null,
    decision: choice.decision,
    predicted: {
      input_tokens: prediction?.inputTokens ?? 0,
      output_tokens: prediction?.outputTokens ?? 0,
      cost_usd: formatMicroUsd(choice.price.costMicroUsd),
      cost_micro_usd: choice.price.costMicroUsd,
    },
    budgets: budgets.map((budget) => ({
      name: budget.name,
      window: keeper.windowOf(budget.window),
      max_request_cost_usd: budget.maxRequestCostMicroUsd === null ? null : formatMicroUsd(budget.maxRequestCostMicroUsd),
    })),
  };
  sendJson(ex, 200, JSON.stringify(body));
}
