// The featuriser the trainer and the sidecar's scorer share, so a weight learnt for a feature is
// read back for the same feature. Features are hashed into 2^bits buckets (no vocabulary to ship):
// word unigrams and bigrams (with start/end markers), single punctuation and ideographs as words,
// character n-grams across word boundaries, and how many numbers the text holds (word problems
// carry several; support requests rarely do, whatever their wording). Each feature is present or absent (no counts),
// and the vector is L2-normalised, so long and short texts score on one scale.
//
// Zero allocations per text: a Featurizer owns its buffers and reuses them; the vector it returns
// is valid until the next call. Not re-entrant, which a single-threaded sidecar does not need.

import { FNV_OFFSET, fnvStep, mixHash } from './hash.js';
import { normalizeInto } from './normalize.js';

/** Identifies this exact featuriser; a model trained with another one is refused. */
export const FEATURIZER_ID = 'hashed-ngrams-v1';

export interface FeatureSpec {
  /** log2 of the bucket count. */
  readonly bits: number;
  /** Characters of a text that are read (head and tail of longer ones). */
  readonly maxChars: number;
  readonly charMin: number;
  readonly charMax: number;
}

export const DEFAULT_FEATURE_SPEC: FeatureSpec = { bits: 15, maxChars: 1200, charMin: 3, charMax: 5 };

const SPACE = 0x20;
const WORD = 1;
const BIGRAM = 2;
/** Character n-grams of length n use salt CHAR + n. */
const CHAR = 8;
/** Counts of numbers in the text, as thresholds: "at least k numbers" for each k here. */
const NUMBERS = 16;
const NUMBER_THRESHOLDS = [1, 2, 3, 4, 6] as const;
const ZERO = 0x30;
const START = 0x02;
const END = 0x03;

/** Feature families weigh differently: a word says more than one of its character n-grams. */
const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 1;
const CHAR_WEIGHT = 0.5;

function salt(family: number): number {
  return Math.imul(family, 0x9e3779b1);
}

type CodeClass = 'space' | 'word' | 'single';

function classOf(code: number): CodeClass {
  if (code === SPACE) return 'space';
  if (code < 0x80) {
    const wordChar = (code >= 0x61 && code <= 0x7a) || code === 0x30 || code === 0x5f;
    return wordChar ? 'word' : 'single';
  }
  if (code < 0x2000) return 'word';
  return 'single';
}

/** A sparse view over a dense buffer: `indices[0..size)` are the non-zero entries of `values`. */
export class FeatureVector {
  readonly values: Float32Array;
  readonly indices: Int32Array;
  size = 0;

  constructor(dimensions: number, capacity: number) {
    this.values = new Float32Array(dimensions);
    this.indices = new Int32Array(capacity);
  }

  set(index: number, weight: number): void {
    const current = this.values[index]!;
    if (current === 0) this.indices[this.size++] = index;
    if (weight > current) this.values[index] = weight;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.values[this.indices[i]!] = 0;
    this.size = 0;
  }

  normalize(): void {
    let sum = 0;
    for (let i = 0; i < this.size; i++) {
      const value = this.values[this.indices[i]!]!;
      sum += value * value;
    }
    if (sum === 0) return;
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < this.size; i++) this.values[this.indices[i]!]! *= scale;
  }
}

export class Featurizer {
  private readonly chars: Uint16Array;
  private readonly vector: FeatureVector;
  private readonly mask: number;

  constructor(readonly spec: FeatureSpec) {
    this.mask = (1 << spec.bits) - 1;
    this.chars = new Uint16Array(spec.maxChars + 3);
    const perChar = 2 + spec.charMax - spec.charMin + 1;
    this.vector = new FeatureVector(1 << spec.bits, (spec.maxChars + 3) * perChar + 4);
  }

  /**
   * The L2-normalised feature vector of a text; overwritten by the next call.
   *
   * @example featurizer.vectorOf('Write a function that reverses a list').size // ≈ 150
   */
  vectorOf(text: string): FeatureVector {
    this.vector.clear();
    const length = normalizeInto(text, this.spec.maxChars, this.chars);
    this.addWords(length);
    this.addCharGrams(length);
    this.vector.normalize();
    return this.vector;
  }

  private emit(hash: number, family: number, weight: number): void {
    this.vector.set(mixHash(hash ^ salt(family)) & this.mask, weight);
  }

  private addWords(length: number): void {
    let previous = fnvStep(FNV_OFFSET, START);
    let word = FNV_OFFSET;
    let inWord = false;
    let numbers = 0;
    const finish = (hash: number): void => {
      this.emit(hash, WORD, WORD_WEIGHT);
      this.emit(Math.imul(previous, 0x01000193) ^ hash, BIGRAM, BIGRAM_WEIGHT);
      previous = hash;
    };
    for (let i = 0; i < length; i++) {
      const code = this.chars[i]!;
      const kind = classOf(code);
      if (code === ZERO && !inWord) numbers += 1;
      if (kind === 'word') {
        word = fnvStep(word, code);
        inWord = true;
        continue;
      }
      if (inWord) finish(word);
      word = FNV_OFFSET;
      inWord = false;
      if (kind === 'single') finish(fnvStep(FNV_OFFSET, code));
    }
    this.emit(Math.imul(previous, 0x01000193) ^ fnvStep(FNV_OFFSET, END), BIGRAM, BIGRAM_WEIGHT);
    for (const threshold of NUMBER_THRESHOLDS) if (numbers >= threshold) this.emit(threshold, NUMBERS, WORD_WEIGHT);
  }

  private addCharGrams(length: number): void {
    const { charMin, charMax } = this.spec;
    for (let i = 0; i + charMin <= length; i++) {
      let hash = FNV_OFFSET;
      const last = Math.min(charMax, length - i);
      for (let n = 1; n <= last; n++) {
        hash = fnvStep(hash, this.chars[i + n - 1]!);
        if (n >= charMin) this.emit(hash, CHAR + n, CHAR_WEIGHT);
      }
    }
  }
}
