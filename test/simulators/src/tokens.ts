// Token counts are a deterministic ~4-characters-per-token estimate, so stream and non-stream
// answers to the same request report the same usage.

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Splits text into word pieces that keep their leading space, the way provider deltas look. */
export function splitWords(text: string): string[] {
  const pieces: string[] = text.match(/\s*\S+/g) ?? [];
  const joined = pieces.join('');
  if (joined.length < text.length) pieces.push(text.slice(joined.length));
  return pieces.length > 0 ? pieces : [text];
}

/** Cuts a string into fixed-size fragments; argument JSON streams split anywhere. */
export function splitFragments(text: string, size: number): string[] {
  const fragments: string[] = [];
  for (let at = 0; at < text.length; at += size) fragments.push(text.slice(at, at + size));
  return fragments;
}

export function firstWords(text: string, count: number): string {
  return text.trim().split(/\s+/).slice(0, count).join(' ');
}
