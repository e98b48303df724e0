// Rewrites bench/pii/sample.json:  node --import ./bench/pii/ts-hooks.mjs bench/pii/write-sample.ts
import { writeFileSync } from 'node:fs';
import { SAMPLE_FILE, sampleCorpus } from './sample.js';

writeFileSync(SAMPLE_FILE, `${JSON.stringify(sampleCorpus(), null, 1)}\n`);
console.log(`wrote ${SAMPLE_FILE}`);
