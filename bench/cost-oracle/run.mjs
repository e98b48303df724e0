// bench/cost-oracle: how close the cost oracle's prediction of a request's input cost comes to
// what the provider bills, on the routing corpus. See README.md.
//   npx tsc -b && node bench/cost-oracle/run.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadTokenizer } from '../../sidecar/dist/budget/tokenizer.js';
import { promptTokens } from '../../sidecar/dist/budget/prompt-tokens.js';
import { estimateTextTokens, TOKENS_PER_MESSAGE } from '../../sidecar/dist/routing/tokens.js';
import { loadCorpus } from './corpus.mjs';
import { billedPromptTokens } from './reference.mjs';

const MODELS = [
  { model: 'gpt-4o-mini', encoding: 'o200k_base', inputMicroUsdPerMillion: 150_000 },
  { model: 'gpt-4-turbo', encoding: 'cl100k_base', inputMicroUsdPerMillion: 10_000_000 },
];

function heuristicTokens(request) {
  return request.messages.reduce((sum, message) => sum + TOKENS_PER_MESSAGE + estimateTextTokens(typeof message.content === 'string' ? message.content : ''), 0);
}

function stats(errors) {
  const sorted = [...errors].map(Math.abs).sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { items: errors.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1), within10: errors.filter((e) => Math.abs(e) <= 0.1).length / errors.length };
}

const percent = (value) => `${(value * 100).toFixed(2)} %`;

const corpus = loadCorpus();
const results = {};
for (const { model, encoding, inputMicroUsdPerMillion } of MODELS) {
  const oracle = await loadTokenizer(encoding);
  const other = await loadTokenizer(encoding === 'o200k_base' ? 'cl100k_base' : 'o200k_base');
  const rows = corpus.map(({ request }) => {
    const billed = billedPromptTokens(request, encoding);
    // Costs in pico-USD (tokens × micro-USD per million): exact integers.
    const actual = billed * inputMicroUsdPerMillion;
    const relative = (tokens) => (tokens * inputMicroUsdPerMillion - actual) / actual;
    return { billed, oracle: relative(promptTokens(oracle, request)), wrongTokenizer: relative(promptTokens(other, request)), heuristic: relative(heuristicTokens(request)) };
  });
  const total = (key) => rows.reduce((sum, row) => sum + row.billed * (1 + row[key]), 0) / rows.reduce((sum, row) => sum + row.billed, 0) - 1;
  results[model] = {
    encoding,
    billedTokens: { min: Math.min(...rows.map((row) => row.billed)), median: rows.map((row) => row.billed).sort((a, b) => a - b)[rows.length >> 1], max: Math.max(...rows.map((row) => row.billed)) },
    oracle: { ...stats(rows.map((row) => row.oracle)), total: total('oracle') },
    wrongTokenizer: { ...stats(rows.map((row) => row.wrongTokenizer)), total: total('wrongTokenizer') },
    heuristic: { ...stats(rows.map((row) => row.heuristic)), total: total('heuristic') },
  };
}

console.log(`cost oracle vs billed input cost, ${corpus.length} requests of the routing corpus\n`);
console.log('| model | predictor | within 10 % | median abs err | p95 abs err | max abs err | error on the total |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [model, result] of Object.entries(results)) {
  for (const [name, figures] of [['oracle (its tokenizer)', result.oracle], ['other tokenizer', result.wrongTokenizer], ['character heuristic', result.heuristic]]) {
    console.log(`| ${model} (${result.encoding}) | ${name} | ${percent(figures.within10)} | ${percent(figures.p50)} | ${percent(figures.p95)} | ${percent(figures.max)} | ${percent(figures.total)} |`);
  }
}
for (const [model, result] of Object.entries(results)) console.log(`\n${model}: billed prompt tokens per request min ${result.billedTokens.min}, median ${result.billedTokens.median}, max ${result.billedTokens.max}`);
const dir = join(import.meta.dirname, '../results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'cost-oracle.json'), `${JSON.stringify(results, null, 2)}\n`);
const worst = Math.max(...Object.values(results).map((result) => result.oracle.max));
if (worst > 0.1) {
  console.error(`\nFAIL: the oracle misses a request's input cost by ${percent(worst)} (> 10 %)`);
  process.exitCode = 1;
}
