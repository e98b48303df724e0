// A small slice of the corpus kept in the repo: reviewers can read what the generator makes,
// and a test fails if the same seed ever stops producing the same text (e.g. a Faker upgrade).

import { DEFAULT_SEED, generateCorpus, type CorpusItem } from './corpus.js';

export const SAMPLE_FILE = 'bench/pii/sample.json';

export function sampleCorpus(): CorpusItem[] {
  return generateCorpus({ seed: DEFAULT_SEED, perType: 4, negatives: 12 });
}
