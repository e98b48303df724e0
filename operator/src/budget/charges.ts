// What one usage frame charges: per budget and per reserved-quota endpoint, the costs and the
// windows they count in. Records name their budgets' windows; a quota's window comes from the
// endpoint's commitment cycle at the record's time.
import { windowAt, type Charge, type CommitmentConfig, type UsageRecord } from '@switchyard/contract';

export interface FrameCharges {
  /** Budget name → charges. */
  readonly budgets: ReadonlyMap<string, Charge[]>;
  /** Endpoint id → charges, for endpoints with reserved or prepaid quota. */
  readonly quotas: ReadonlyMap<string, Charge[]>;
}

export function chargesOf(records: readonly UsageRecord[], commitmentOf: (endpointId: string) => CommitmentConfig | undefined): FrameCharges {
  const budgets = new Map<string, Charge[]>();
  const quotas = new Map<string, Charge[]>();
  for (const record of records) {
    for (const charge of record.budgets) budgets.set(charge.budget, [...(budgets.get(charge.budget) ?? []), { window: charge.window, costMicroUsd: record.costMicroUsd }]);
    const commitment = commitmentOf(record.endpoint);
    if (commitment?.cycle === null || commitment?.cycle === undefined || commitment.quotaMicroUsd === null) continue;
    const window = windowAt(commitment.cycle, Date.parse(record.time)).id;
    quotas.set(record.endpoint, [...(quotas.get(record.endpoint) ?? []), { window, costMicroUsd: record.costMicroUsd }]);
  }
  return { budgets, quotas };
}
