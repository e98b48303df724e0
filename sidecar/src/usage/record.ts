// A finished request's usage record: the provider's own usage priced at the served backend's
// prices, or (when the provider reported none) the gateway's own count, marked estimated.
import { billingCycleAt, costMicroUsd, type BudgetCharge, type TokenCounts, type UsageRecord } from '@switchyard/contract';
import type { ExchangeReport, ServedReport } from '../http/exchange.js';
import { tokensOf } from './tokens.js';

export interface RecordContext {
  readonly id: string;
  readonly nowMs: number;
  readonly namespace: string;
  readonly pod: string;
  readonly requestId: string;
  readonly provider: string;
  readonly commitment: UsageRecord['commitment'];
  readonly team: string;
  readonly feature: string;
  readonly predictedMicroUsd: number;
  /** The gateway's count, used when the provider reported no usage. */
  readonly estimate: TokenCounts;
  readonly budgets: readonly BudgetCharge[];
}

export function buildUsageRecord(report: ExchangeReport, served: ServedReport, context: RecordContext): UsageRecord {
  const estimated = report.usage === null;
  const tokens = report.usage === null ? context.estimate : tokensOf(report.usage);
  return {
    id: context.id,
    time: new Date(context.nowMs).toISOString(),
    cycle: billingCycleAt(context.nowMs),
    namespace: context.namespace,
    pod: context.pod,
    requestId: context.requestId,
    route: report.route,
    useCase: report.useCase,
    target: served.target,
    provider: context.provider,
    endpoint: served.endpointId,
    model: served.model,
    commitment: context.commitment,
    team: context.team,
    feature: context.feature,
    inputTokens: tokens.input,
    cachedInputTokens: tokens.cachedInput,
    cacheWriteTokens: tokens.cacheWrite,
    outputTokens: tokens.output,
    reasoningTokens: tokens.reasoning,
    predictedMicroUsd: context.predictedMicroUsd,
    costMicroUsd: costMicroUsd(tokens, served.pricing),
    estimated,
    budgets: context.budgets,
  };
}
