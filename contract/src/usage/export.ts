// The usage export: JSON lines (one UsageRecord each) or CSV with a fixed header, and totals
// per team and feature. The CSV columns are the record's fields in the order below; budgets
// are `name@window` joined by ";". Money columns are integer micro-USD.
import type { UsageRecord } from './record.js';

export const CSV_COLUMNS = [
  'id', 'time', 'cycle', 'namespace', 'pod', 'requestId', 'route', 'useCase', 'target', 'provider', 'endpoint', 'model',
  'commitment', 'team', 'feature', 'inputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'outputTokens', 'reasoningTokens',
  'predictedMicroUsd', 'costMicroUsd', 'estimated', 'budgets',
] as const;

export type ExportFormat = 'jsonl' | 'csv';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvRow(record: UsageRecord): string {
  return CSV_COLUMNS.map((column) => {
    if (column === 'budgets') return csvField(record.budgets.map((charge) => `${charge.budget}@${charge.window}`).join(';'));
    return csvField(String(record[column]));
  }).join(',');
}

/** The records in the format, oldest first, each line ending in "\n". */
export function formatUsage(records: readonly UsageRecord[], format: ExportFormat): string {
  const sorted = [...records].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (format === 'jsonl') return sorted.map((record) => `${JSON.stringify(record)}\n`).join('');
  return [CSV_COLUMNS.join(','), ...sorted.map(csvRow)].map((line) => `${line}\n`).join('');
}

export interface UsageTotal {
  readonly team: string;
  readonly feature: string;
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costMicroUsd: number;
}

/** Totals per (team, feature), sorted. */
export function totalsByTeamAndFeature(records: readonly UsageRecord[]): UsageTotal[] {
  const totals = new Map<string, UsageTotal>();
  for (const record of records) {
    const key = `${record.team}\u0000${record.feature}`;
    const known = totals.get(key) ?? { team: record.team, feature: record.feature, requests: 0, inputTokens: 0, outputTokens: 0, costMicroUsd: 0 };
    totals.set(key, {
      ...known,
      requests: known.requests + 1,
      inputTokens: known.inputTokens + record.inputTokens,
      outputTokens: known.outputTokens + record.outputTokens,
      costMicroUsd: known.costMicroUsd + record.costMicroUsd,
    });
  }
  return [...totals.values()].sort((a, b) => (a.team + '\u0000' + a.feature < b.team + '\u0000' + b.feature ? -1 : 1));
}
