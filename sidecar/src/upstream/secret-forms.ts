// The shapes a credential takes when something echoes it back: as is, URL-encoded, and base64
// (standard and URL alphabets) at each of the three byte alignments it can have inside a longer
// encoded string (`Basic base64(user:key)`, a header dump). Error text meant for clients is
// scrubbed of all of them (errors/scrub.ts cuts the exact strings it is given).

/** Shorter forms would cut ordinary words out of messages. */
const MIN_FORM_LENGTH = 8;

/** The base64 characters that depend only on the key's own bytes when it starts `offset` bytes into a longer text. */
function base64Core(secret: string, offset: number, alphabet: 'base64' | 'base64url'): string {
  const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret, 'utf8')]);
  const encoded = bytes.toString(alphabet).replace(/=+$/, '');
  const start = offset === 0 ? 0 : 4;
  const tail = bytes.length % 3 === 0 ? 0 : (bytes.length % 3) + 1;
  return encoded.slice(start, encoded.length - tail);
}

/**
 * @example secretForms('sk-abc123def456') // ['sk-abc123def456', 'c2stYWJjMTIzZGVmNDU2', …]
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_FORM_LENGTH) return secret === '' ? [] : [secret];
  const forms = new Set([secret, encodeURIComponent(secret)]);
  for (const offset of [0, 1, 2]) {
    for (const alphabet of ['base64', 'base64url'] as const) forms.add(base64Core(secret, offset, alphabet));
  }
  return [...forms].filter((form) => form.length >= MIN_FORM_LENGTH);
}
