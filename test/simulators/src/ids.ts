import { createHash } from 'node:crypto';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Deterministic id body for the n-th minted id of a kind: same server history, same ids. */
export function mintToken(kind: string, seq: number, length: number, alphabet = base62): string {
  const digest = createHash('sha256').update(`${kind}:${seq}`).digest();
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[(digest[i % digest.length] ?? 0) % alphabet.length];
  return out;
}

export function mintUuid(kind: string, seq: number): string {
  const hex = mintToken(kind, seq, 32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export class IdMint {
  private seq = 0;

  next(): number {
    this.seq += 1;
    return this.seq;
  }
}
