import { generateCorpus } from './corpus.ts';
import { scoreCorpus } from './score.ts';
import { scanText } from '../../sidecar/src/pii/index.ts';
const items = generateCorpus({ perType: 1200, negatives: 3000 });
const { scores, misses } = scoreCorpus(items, (t) => scanText(t));
console.table(scores.map(s => ({...s, precision: s.precision.toFixed(4), recall: s.recall.toFixed(4)})));
const byType = {};
for (const m of misses) (byType[m.type] ??= []).push(m);
for (const [t, list] of Object.entries(byType)) { console.log(t, list.length); for (const d of list.slice(0, 30)) console.log('   ', d.detail, ' <<', JSON.stringify(d.text.slice(0, 160))); }
