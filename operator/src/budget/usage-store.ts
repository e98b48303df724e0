// Every usage record, kept in ConfigMap shards of the operator's namespace: one series of shards
// per (namespace, billing cycle, source), each holding JSON lines and the sequence number of the
// last frame it took, written in one optimistic-concurrency update, so a frame is stored exactly
// once whichever replica receives it and however often it is resent. A shard closes at about
// 700 KB (ConfigMaps hold 1 MiB) and the next one opens. The export reads them back by label.
import { createHash } from 'node:crypto';
import { parseUsageRecord, type UsageRecord } from '@switchyard/contract';
import { updateDocument, type DocumentStore, type StoredDocument } from './documents.js';

const USAGE_LABEL = 'switchyard.dev/usage';
const NAMESPACE_LABEL = 'switchyard.dev/usage-namespace';
const CYCLE_LABEL = 'switchyard.dev/usage-cycle';
const SOURCE_ANNOTATION = 'switchyard.dev/usage-source';
const RECORDS_KEY = 'records.jsonl';
const SEQ_KEY = 'seq';
const FULL_KEY = 'full';
const SHARD_BYTES = 700_000;

interface Series {
  readonly namespace: string;
  readonly cycle: string;
  readonly source: string;
}

const seriesId = (series: Series): string => `${series.namespace}|${series.cycle}|${series.source}`;

function shardName(series: Series, index: number): string {
  return `switchyard-usage-${createHash('sha256').update(`${seriesId(series)}|${index}`).digest('hex').slice(0, 20)}`;
}

type Outcome = { readonly kind: 'stored' | 'repeat' } | { readonly kind: 'full'; readonly seq: number };

/** `floor`: the highest sequence number of the series' earlier (full) shards. */
function appendTo(series: Series, index: number, floor: number, seq: number, lines: string, current: StoredDocument | undefined): { document: StoredDocument | null; result: Outcome } {
  const storedSeq = Math.max(floor, Number(current?.data[SEQ_KEY] ?? 0));
  if (seq <= storedSeq) return { document: null, result: { kind: 'repeat' } };
  if (current?.data[FULL_KEY] === 'true') return { document: null, result: { kind: 'full', seq: storedSeq } };
  const records = (current?.data[RECORDS_KEY] ?? '') + lines;
  return {
    document: {
      name: shardName(series, index),
      labels: { [USAGE_LABEL]: 'true', [NAMESPACE_LABEL]: series.namespace, [CYCLE_LABEL]: series.cycle },
      annotations: { [SOURCE_ANNOTATION]: series.source },
      data: { [RECORDS_KEY]: records, [SEQ_KEY]: String(seq), [FULL_KEY]: String(records.length >= SHARD_BYTES) },
      resourceVersion: null,
    },
    result: { kind: 'stored' },
  };
}

export class UsageStore {
  /** The first shard that may still take records, per series, and the last sequence number before it. */
  private readonly open = new Map<string, { index: number; floor: number }>();

  constructor(private readonly documents: DocumentStore) {}

  /** Stores one frame's records of a source (idempotent by sequence number). */
  async store(namespace: string, source: string, seq: number, records: readonly UsageRecord[]): Promise<void> {
    const byCycle = new Map<string, UsageRecord[]>();
    for (const record of records) byCycle.set(record.cycle, [...(byCycle.get(record.cycle) ?? []), record]);
    for (const [cycle, batch] of byCycle) await this.storeSeries({ namespace, cycle, source }, seq, batch);
  }

  /** Every record of a namespace and billing cycle. */
  async read(namespace: string, cycle: string): Promise<UsageRecord[]> {
    const shards = await this.documents.list(`${USAGE_LABEL}=true,${NAMESPACE_LABEL}=${namespace},${CYCLE_LABEL}=${cycle}`);
    return shards.flatMap((shard) => (shard.data[RECORDS_KEY] ?? '').split('\n').filter((line) => line !== '').flatMap((line) => {
      const record = parseUsageRecord(JSON.parse(line));
      return record === undefined ? [] : [record];
    }));
  }

  private async storeSeries(series: Series, seq: number, records: readonly UsageRecord[]): Promise<void> {
    const lines = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    let { index, floor } = this.open.get(seriesId(series)) ?? { index: 0, floor: 0 };
    for (;;) {
      const at = { index, floor };
      const outcome = await updateDocument(this.documents, shardName(series, at.index), (current) => appendTo(series, at.index, at.floor, seq, lines, current));
      if (outcome.kind !== 'full') {
        this.open.set(seriesId(series), at);
        return;
      }
      index += 1;
      floor = outcome.seq;
    }
  }
}
