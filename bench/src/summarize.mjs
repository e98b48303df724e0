// Re-renders the summary from raw results: node bench/src/summarize.mjs <run>.jsonl [more.jsonl ...]
// Prints the markdown; several files are summarised together (repetitions pooled).
import { readFileSync } from 'node:fs';
import { renderSummary } from './report/render.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node bench/src/summarize.mjs bench/results/<run>.jsonl [...]\n');
  process.exit(2);
}
const rows = files.flatMap((file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
process.stdout.write(renderSummary(rows));
