// After the request: every reservation is settled with the actual cost (nothing, when no attempt
// was served), and a served request's usage is recorded for the operator, the export and the
// metrics. Requests under no budget are recorded too; only their prediction is skipped.
import { NO_TOKENS, type CompiledBudget, type Reservation, type TokenCounts } from '@switchyard/contract';
import type { Runtime } from '../config/runtime.js';
import type { Exchange, ServedReport } from '../http/exchange.js';
import { describeError } from '../metrics/log.js';
import type { ChatCompletionRequest } from '../openai/index.js';
import type { CandidatePlan } from '../pipeline/candidates.js';
import { buildUsageRecord } from '../usage/record.js';
import { attributionOf } from './applicable.js';
import type { BudgetKeeper } from './keeper.js';
import { expectedOutputTokens, PromptCounter, type Prediction } from './oracle.js';
import { candidateKey, type PlanPrice } from './pricing.js';
import { commitmentOf } from './reserved-first.js';
import { encodingFor, loadTokenizer } from './tokenizer.js';

export interface Held {
  readonly budget: CompiledBudget;
  readonly reservation: Reservation;
}

export interface BudgetGate {
  /** The candidates to try: reserved quota first, downgraded when the budget said so. */
  readonly plan: CandidatePlan;
  /** A dry run: the response has been sent and nothing else may happen. */
  readonly answered: boolean;
  /** Settles the reservations and records usage; call once, when the request is done. */
  settle(): void;
}

export interface GateContext {
  readonly ex: Exchange;
  readonly runtime: Runtime;
  readonly keeper: BudgetKeeper;
  readonly budgets: readonly CompiledBudget[];
  readonly held: readonly Held[];
  readonly price: PlanPrice | null;
  /** A chat request, recounted when its provider reports no usage; null for embeddings (always reported). */
  readonly request: ChatCompletionRequest | null;
  readonly answered: boolean;
}

export function settleGate(context: GateContext, plan: CandidatePlan): BudgetGate {
  let settled = false;
  return {
    plan,
    answered: context.answered,
    settle: () => {
      if (settled || context.answered) return;
      settled = true;
      const served = context.ex.report.served;
      if (served === null) {
        for (const { budget, reservation } of context.held) context.keeper.settle(budget, reservation, 0);
        return;
      }
      const prediction = context.price?.byCandidate.get(candidateKey(served.target, served.endpointId));
      if (context.ex.report.usage === null && prediction === undefined && context.request !== null) {
        estimateThenRecord(context, context.request, served).catch((error: unknown) => context.ex.log.error('usage estimate failed', { error: describeError(error) }));
        return;
      }
      record(context, served, prediction === undefined ? NO_TOKENS : estimateOf(prediction), prediction?.costMicroUsd ?? 0);
    },
  };
}

function estimateOf(prediction: Prediction): TokenCounts {
  return { ...NO_TOKENS, input: prediction.inputTokens, output: prediction.outputTokens };
}

/** The provider reported no usage and nothing was predicted: count now, with the tokenizer. */
async function estimateThenRecord(context: GateContext, request: ChatCompletionRequest, served: ServedReport): Promise<void> {
  const tokenizer = await loadTokenizer(encodingFor(served.model));
  const route = context.ex.report.route;
  const estimate = { ...NO_TOKENS, input: new PromptCounter(request).count(tokenizer), output: expectedOutputTokens(request, route, context.keeper.outputs, null) };
  record(context, served, estimate, 0);
}

function record(context: GateContext, served: ServedReport, estimate: TokenCounts, predictedMicroUsd: number): void {
  const { ex, runtime, keeper } = context;
  const { config } = runtime;
  const commitment = commitmentOf(config, served.endpointId);
  const usage = buildUsageRecord(ex.report, served, {
    id: keeper.nextRecordId(),
    nowMs: keeper.now(),
    namespace: config.scope.namespace,
    pod: keeper.pod,
    requestId: ex.requestId,
    provider: ex.report.provider,
    commitment: commitment?.type ?? 'pay-as-you-go',
    ...attributionOf(context.budgets, config.budgets),
    predictedMicroUsd,
    estimate,
    budgets: context.held.map(({ budget, reservation }) => ({ budget: budget.name, window: reservation.window })),
  });
  for (const { budget, reservation } of context.held) keeper.settle(budget, reservation, usage.costMicroUsd);
  if (ex.report.usage !== null) keeper.outputs.record(usage.route, usage.outputTokens);
  const quota = commitment?.quotaMicroUsd === null || commitment?.cycle === null || commitment === null
    ? null : { cycle: commitment.cycle, quotaMicroUsd: commitment.quotaMicroUsd };
  keeper.record(usage, quota);
}
