// The budget stage of an embeddings request: the same covering budgets, per-request maximum and
// reservation as chat (admit.ts), and the same settlement and usage record. There is no
// downgrade: vectors from another model live in another space, so a caller's index could not
// use them; a request that does not fit is refused whatever onExceed says. No dry run either.
import { formatMicroUsd, type CompiledBudget } from '@switchyard/contract';
import type { RouteRuntime, Runtime } from '../config/runtime.js';
import type { Exchange } from '../http/exchange.js';
import { recordBudgetDecision } from '../metrics/budget.js';
import type { EmbeddingsRequest } from '../openai/index.js';
import type { CandidatePlan } from '../pipeline/candidates.js';
import { BUDGET_HEADER, isShortfall, PREDICTED_COST_HEADER, refusal, refuseBroken, reserveAll } from './admit.js';
import { applicableBudgets } from './applicable.js';
import { embeddingsPricerFor } from './embeddings-price.js';
import { tokenizersFor } from './oracle.js';
import { keeperOf } from './registry.js';
import { preferReserved } from './reserved-first.js';
import { settleGate, type BudgetGate } from './settle.js';

export interface EmbeddingsBudgetInput {
  readonly ex: Exchange;
  readonly runtime: Runtime;
  readonly route: RouteRuntime;
  readonly request: EmbeddingsRequest;
  readonly plan: CandidatePlan;
}

export async function admitEmbeddings(input: EmbeddingsBudgetInput): Promise<BudgetGate> {
  const { ex, runtime, route } = input;
  const keeper = keeperOf(runtime);
  const budgets = applicableBudgets(runtime.config.budgets, route.name, ex.req.headers);
  refuseBroken(budgets);
  const plan = preferReserved(input.plan, runtime.config, keeper);
  const gate = { ex, runtime, keeper, budgets, request: null, answered: false } as const;
  if (budgets.length === 0) return settleGate({ ...gate, held: [], price: null }, plan);
  const pricer = embeddingsPricerFor(input.request.input, await tokenizersFor(plan.candidates.map((candidate) => candidate.targetRuntime.model)));
  const price = pricer.price(plan);
  const overMax = budgets.find((budget) => price.costMicroUsd > (budget.maxRequestCostMicroUsd ?? Number.MAX_SAFE_INTEGER));
  if (overMax !== undefined) throw rejected(budgets, refusal('request_cost_exceeded', overMax, price.costMicroUsd));
  const held = await reserveAll(keeper, budgets, price.costMicroUsd);
  if (isShortfall(held)) throw rejected(budgets, refusal(held.why === 'unavailable' ? 'allowance_unavailable' : 'budget_exceeded', held.budget, price.costMicroUsd));
  ex.res.setHeader(BUDGET_HEADER, 'ok');
  ex.res.setHeader(PREDICTED_COST_HEADER, formatMicroUsd(price.costMicroUsd));
  for (const budget of budgets) recordBudgetDecision(budget.name, 'ok');
  return settleGate({ ...gate, held, price }, plan);
}

function rejected(budgets: readonly CompiledBudget[], error: Error): Error {
  for (const budget of budgets) recordBudgetDecision(budget.name, 'rejected');
  return error;
}
