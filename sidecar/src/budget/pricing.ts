// Predicted cost of a candidate plan: the most expensive backend it may reach (a failover to a
// dearer target must not spend what was not reserved).
import type { ChatCompletionRequest } from '../openai/index.js';
import type { Candidate, CandidatePlan } from '../pipeline/candidates.js';
import { expectedOutputTokens, predictCost, PromptCounter, type Prediction } from './oracle.js';
import type { OutputStats } from './output-stats.js';
import type { Tokenizer } from './tokenizer.js';

export interface PlanPrice {
  readonly costMicroUsd: number;
  /** Per candidate (`target endpoint`), for the usage record of the one that serves. */
  readonly byCandidate: ReadonlyMap<string, Prediction>;
}

export const candidateKey = (target: string, endpointId: string): string => `${target} ${endpointId}`;

export interface Pricer {
  predict(candidate: Candidate): Prediction;
  price(plan: CandidatePlan): PlanPrice;
}

export function pricerFor(request: ChatCompletionRequest, route: string, stats: OutputStats, tokenizers: ReadonlyMap<string, Tokenizer>): Pricer {
  const prompt = new PromptCounter(request);
  const predict = (candidate: Candidate): Prediction => {
    const { model, capabilities } = candidate.targetRuntime;
    const tokenizer = tokenizers.get(model)!;
    const output = expectedOutputTokens(request, route, stats, capabilities.maxOutputTokens);
    return predictCost(prompt.count(tokenizer), { model, pricing: candidate.backend.pricing, maxOutputTokens: capabilities.maxOutputTokens }, output);
  };
  return {
    predict,
    price(plan) {
      const byCandidate = new Map(plan.candidates.map((candidate) => [candidateKey(candidate.target, candidate.endpointId), predict(candidate)]));
      const costMicroUsd = Math.max(0, ...[...byCandidate.values()].map((prediction) => prediction.costMicroUsd));
      return { costMicroUsd, byCandidate };
    },
  };
}
