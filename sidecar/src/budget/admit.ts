// The budget stage of a chat request, between the candidate plan and the first attempt: the
// covering budgets, a cost prediction, the per-request maximum, a reservation on every budget
// (waiting for the operator when the allowance is short), and, when something does not fit,
// a downgrade to the cheapest eligible target or a refusal, as the budgets say. Reserved-quota
// endpoints are put first. The returned gate settles the actual cost and records usage once
// the request is done. `x-switchyard-budget` tells the client what happened.
import { formatMicroUsd, isRefusal, type CompiledBudget, type Refusal } from '@switchyard/contract';
import type { RouteRuntime, Runtime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { Exchange } from '../http/exchange.js';
import { recordBudgetDecision, type BudgetDecision } from '../metrics/budget.js';
import type { ChatCompletionRequest } from '../openai/index.js';
import type { CandidatePlan } from '../pipeline/candidates.js';
import { applicableBudgets } from './applicable.js';
import { answerDryRun } from './dry-run.js';
import type { BudgetKeeper } from './keeper.js';
import { tokenizersFor } from './oracle.js';
import { pricerFor, type PlanPrice, type Pricer } from './pricing.js';
import { keeperOf } from './registry.js';
import { preferReserved } from './reserved-first.js';
import { settleGate, type BudgetGate, type Held } from './settle.js';

export const DRY_RUN_HEADER = 'x-switchyard-dry-run';
export const BUDGET_HEADER = 'x-switchyard-budget';
export const PREDICTED_COST_HEADER = 'x-switchyard-predicted-cost-usd';

export type { BudgetGate };

export interface ChatBudgetInput {
  readonly ex: Exchange;
  readonly runtime: Runtime;
  readonly route: RouteRuntime;
  readonly request: ChatCompletionRequest;
  readonly plan: CandidatePlan;
  /** The candidates for another target of the route (same needs and data class); throws when it has none. */
  replan(target: string): CandidatePlan;
}

interface Choice {
  readonly plan: CandidatePlan;
  readonly price: PlanPrice;
  readonly decision: 'ok' | 'downgraded';
  readonly held: Held[];
}

export async function admitChat(input: ChatBudgetInput): Promise<BudgetGate> {
  const { ex, runtime, route } = input;
  const keeper = keeperOf(runtime);
  const budgets = applicableBudgets(runtime.config.budgets, route.name, ex.req.headers);
  refuseBroken(budgets);
  const dryRun = ex.req.headers[DRY_RUN_HEADER] === 'true';
  const plan = preferReserved(input.plan, runtime.config, keeper);
  if (budgets.length === 0 && !dryRun) return settleGate({ ex, runtime, keeper, budgets, held: [], price: null, request: input.request, answered: false }, plan);
  const models = [...route.targets.values()].map((target) => target.model);
  const pricer = pricerFor(input.request, route.name, keeper.outputs, await tokenizersFor(models));
  const choice = await choose(input, keeper, budgets, pricer, plan, dryRun).catch((error: unknown) => {
    for (const budget of budgets) recordBudgetDecision(budget.name, 'rejected');
    throw error;
  });
  ex.res.setHeader(BUDGET_HEADER, dryRun ? 'dry-run' : choice.decision);
  ex.res.setHeader(PREDICTED_COST_HEADER, formatMicroUsd(choice.price.costMicroUsd));
  for (const budget of budgets) recordBudgetDecision(budget.name, dryRun ? 'dry_run' : choice.decision);
  if (dryRun) {
    answerDryRun(ex, route, choice, budgets, keeper);
    return settleGate({ ex, runtime, keeper, budgets, held: [], price: choice.price, request: input.request, answered: true }, choice.plan);
  }
  return settleGate({ ex, runtime, keeper, budgets, held: choice.held, price: choice.price, request: input.request, answered: false }, choice.plan);
}

export function refuseBroken(budgets: readonly CompiledBudget[]): void {
  const broken = budgets.find((budget) => budget.broken !== null);
  if (broken === undefined) return;
  recordBudgetDecision(broken.name, 'unavailable');
  throw new GatewayError('budget_unavailable', `The BudgetPolicy '${broken.name}' covering this request is invalid, so its requests are refused until it is fixed.`, {
    headers: { [BUDGET_HEADER]: 'rejected' },
  });
}

function maxRequestCostOf(budgets: readonly CompiledBudget[]): number {
  return Math.min(Number.MAX_SAFE_INTEGER, ...budgets.map((budget) => budget.maxRequestCostMicroUsd ?? Number.MAX_SAFE_INTEGER));
}

interface TargetOption {
  readonly plan: CandidatePlan;
  readonly price: PlanPrice;
}

/** Every target of the route that can take the request, alone (no failover), cheapest first. */
function targetOptions(input: ChatBudgetInput, pricer: Pricer): TargetOption[] {
  return [...input.route.targets.keys()].flatMap((target) => {
    const plan = replanned(input, target);
    const own = plan === null ? [] : plan.candidates.filter((candidate) => candidate.target === target);
    if (plan === null || own.length === 0) return [];
    const narrowed: CandidatePlan = { ...plan, candidates: own };
    return [{ plan: narrowed, price: pricer.price(narrowed) }];
  }).sort((a, b) => a.price.costMicroUsd - b.price.costMicroUsd);
}

function replanned(input: ChatBudgetInput, target: string): CandidatePlan | null {
  try {
    return input.replan(target);
  } catch {
    return null;
  }
}

const firstTarget = (plan: CandidatePlan): string | undefined => plan.candidates[0]?.target;

async function choose(input: ChatBudgetInput, keeper: BudgetKeeper, budgets: readonly CompiledBudget[], pricer: Pricer, plan: CandidatePlan, dryRun: boolean): Promise<Choice> {
  const price = pricer.price(plan);
  const maxCost = maxRequestCostOf(budgets);
  const overMax = budgets.filter((budget) => price.costMicroUsd > (budget.maxRequestCostMicroUsd ?? Number.MAX_SAFE_INTEGER));
  const options = targetOptions(input, pricer);
  // A downgrade threshold sends requests to the cheapest target, unless they already go there.
  const forced = budgets.some((budget) => keeper.downgrading(budget)) && options[0] !== undefined && firstTarget(options[0].plan) !== firstTarget(plan);
  let shortfall: Shortfall | null = null;
  if (!forced && overMax.length === 0) {
    const held = dryRun ? [] : await reserveAll(keeper, budgets, price.costMicroUsd);
    if (!isShortfall(held)) return { plan, price, decision: 'ok', held };
    shortfall = held;
  }
  const shortOf = overMax.length > 0 ? overMax : shortfall !== null ? [shortfall.budget] : budgets;
  if (shortfall?.why !== 'unavailable' && (forced || shortOf.every((budget) => budget.onExceed === 'downgrade'))) {
    const below = forced ? Number.MAX_SAFE_INTEGER : price.costMicroUsd;
    const cheaper = options.find((option) => option.price.costMicroUsd <= maxCost && option.price.costMicroUsd < below && firstTarget(option.plan) !== firstTarget(plan));
    const held = cheaper === undefined ? null : dryRun ? [] : await reserveAll(keeper, budgets, cheaper.price.costMicroUsd);
    if (cheaper !== undefined && held !== null && !isShortfall(held)) return { plan: cheaper.plan, price: cheaper.price, decision: 'downgraded', held };
    if (held !== null && isShortfall(held)) shortfall = held;
  }
  const code = overMax.length > 0 ? 'request_cost_exceeded' : shortfall?.why === 'unavailable' ? 'allowance_unavailable' : 'budget_exceeded';
  throw refusal(code, shortOf[0]!, price.costMicroUsd);
}

export interface Shortfall {
  readonly budget: CompiledBudget;
  readonly why: Refusal['refused'];
}

/** A reservation on every budget, or the first that refused (what was taken is given back). */
export async function reserveAll(keeper: BudgetKeeper, budgets: readonly CompiledBudget[], amount: number): Promise<Held[] | Shortfall> {
  const held: Held[] = [];
  for (const budget of budgets) {
    const reservation = await keeper.reserve(budget, amount);
    if (isRefusal(reservation)) {
      for (const taken of held) keeper.settle(taken.budget, taken.reservation, 0);
      return { budget, why: reservation.refused };
    }
    held.push({ budget, reservation });
  }
  return held;
}

export const isShortfall = (value: Held[] | Shortfall): value is Shortfall => !Array.isArray(value);

const REFUSALS = {
  request_cost_exceeded: (budget: CompiledBudget, predicted: string) => `The predicted cost of this request ($${predicted}) exceeds the per-request maximum of budget '${budget.name}' ($${formatMicroUsd(budget.maxRequestCostMicroUsd ?? 0)}) and no cheaper target fits.`,
  budget_exceeded: (budget: CompiledBudget, predicted: string) => `Budget '${budget.name}' has no allowance left for this request (predicted cost $${predicted}) in the current window.`,
  allowance_unavailable: (budget: CompiledBudget, predicted: string) => `Budget '${budget.name}' needs more allowance for this request (predicted cost $${predicted}) and the operator did not grant it in time; retry shortly.`,
} as const;

export function refusal(code: keyof typeof REFUSALS, budget: CompiledBudget, costMicroUsd: number): GatewayError {
  const predicted = formatMicroUsd(costMicroUsd);
  const message = REFUSALS[code](budget, predicted);
  return new GatewayError(code, message, { headers: { [BUDGET_HEADER]: 'rejected', [PREDICTED_COST_HEADER]: predicted } });
}

export type { BudgetDecision };
