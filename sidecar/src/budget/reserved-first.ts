// Reserved quota first: within each target, endpoints with reserved or prepaid quota left this
// cycle go before pay-as-you-go ones (and before committed ones whose quota is used up). Target
// order (the choice, then the failover chain) is never changed.
import type { CommitmentConfig, SidecarConfig } from '@switchyard/contract';
import type { Candidate, CandidatePlan } from '../pipeline/candidates.js';
import type { BudgetKeeper } from './keeper.js';

export function commitmentOf(config: SidecarConfig, endpointId: string): CommitmentConfig | null {
  return config.endpoints.find((endpoint) => endpoint.id === endpointId)?.commitment ?? null;
}

function hasQuotaLeft(config: SidecarConfig, keeper: BudgetKeeper, endpointId: string): boolean {
  const commitment = commitmentOf(config, endpointId);
  if (commitment === null || commitment.quotaMicroUsd === null || commitment.cycle === null) return false;
  return keeper.quotaRemaining(endpointId, commitment.quotaMicroUsd, commitment.cycle) > 0;
}

export function preferReserved(plan: CandidatePlan, config: SidecarConfig, keeper: BudgetKeeper): CandidatePlan {
  if (!config.endpoints.some((endpoint) => endpoint.commitment.quotaMicroUsd !== null)) return plan;
  const targetRank = new Map<string, number>();
  plan.candidates.forEach((candidate) => { if (!targetRank.has(candidate.target)) targetRank.set(candidate.target, targetRank.size); });
  const ranked = plan.candidates.map((candidate, index) => ({ candidate, index, quota: hasQuotaLeft(config, keeper, candidate.endpointId) }));
  ranked.sort((a, b) => (targetRank.get(a.candidate.target)! - targetRank.get(b.candidate.target)!)
    || Number(b.quota) - Number(a.quota) || a.index - b.index);
  const candidates: Candidate[] = ranked.map((entry) => entry.candidate);
  return { ...plan, candidates };
}
