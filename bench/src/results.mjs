// Raw results: one JSON object per line in bench/results/<run id>.jsonl, appended as they come
// so an interrupted run keeps what it measured.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export function openResults(resultsDir, runId) {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${runId}.jsonl`);
  const rows = [];
  return {
    file,
    rows,
    record(row) {
      const full = { runId, ...row };
      rows.push(full);
      appendFileSync(file, `${JSON.stringify(full)}\n`);
    },
  };
}
