// Randomness as a value: backoff jitter draws from an injected source, so a seed reproduces a
// whole retry schedule in tests while production draws from Math.random.

/** Uniform in [0, 1). */
export type Random = () => number;

export const systemRandom: Random = Math.random;

/**
 * mulberry32: 32 bits of state, passes the usual statistical batteries for jitter purposes and
 * is a few lines long. Same seed, same sequence.
 *
 * @example const random = seededRandom(42); random() // 0.6011037519201636
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
