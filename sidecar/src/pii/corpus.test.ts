// The golden corpus: a fixed seed of the bench's generator must meet the targets, so a
// detector change that costs precision or recall fails here before it reaches the bench.

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DEFAULT_SEED, generateCorpus } from '../../../bench/pii/corpus.js';
import { ADVERSARIAL_INPUTS, measureBlockLeaks, measureRedactLeaks } from '../../../bench/pii/measure.js';
import { SAMPLE_FILE, sampleCorpus } from '../../../bench/pii/sample.js';
import { scoreCorpus } from '../../../bench/pii/score.js';
import { checkEntityTargets } from '../../../bench/pii/targets.js';
import { scanText } from './scanner.js';

const corpus = generateCorpus({ seed: DEFAULT_SEED, perType: 250, negatives: 600 });

describe('the golden PII corpus (fixed seed)', () => {
  it('meets the precision and recall target of every entity type', () => {
    const { scores, misses } = scoreCorpus(corpus, (text) => scanText(text));
    expect({ failures: checkEntityTargets(scores), firstMisses: misses.slice(0, 5).map((miss) => miss.detail) }).toEqual({ failures: [], firstMisses: [] });
  });

  it('flags none of the near-miss sentences', () => {
    const flagged = corpus.filter((item) => item.spans.length === 0 && scanText(item.text).length > 0).map((item) => item.text);
    expect(flagged).toEqual([]);
  });

  it('lets no value through in block mode', () => {
    expect(measureBlockLeaks(corpus, DEFAULT_SEED).examples).toEqual([]);
  });

  it('lets no value through in redact mode', () => {
    expect(measureRedactLeaks(corpus, DEFAULT_SEED).examples).toEqual([]);
  });

  it('reproduces the committed sample from the same seed', () => {
    expect(sampleCorpus()).toEqual(JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')));
  });
});

describe('hostile input', () => {
  // The bench holds these to 50 ms; the bound here is loose because CI machines are shared.
  it.each(Object.entries(ADVERSARIAL_INPUTS))('scans 100 KB of %s in linear time', (_name, build) => {
    const text = build(100 * 1024);
    const started = performance.now();
    scanText(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
