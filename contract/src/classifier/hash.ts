// 32-bit FNV-1a, fed one UTF-16 code unit at a time so n-grams hash without building substrings.
// Math.imul keeps every step in int32 arithmetic: the same bits on every platform and Node version.

export const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** Final avalanche (murmur3 fmix32) so the low bits used as a bucket index are well mixed. */
export function mixHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** FNV-1a of a whole string; used for seeds and feature-family salts. */
export function fnvString(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = fnvStep(hash, text.charCodeAt(i));
  return hash;
}
