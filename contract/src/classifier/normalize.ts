// Text → the code units the featuriser hashes. Case and digits are folded so "What is 17% of
// 240?" and "what is 3% of 12?" share features; whitespace runs become one space. Long texts keep
// their head and tail: the ask sits at the start ("Write a function…") or the end ("…how many
// apples are left?"), while the middle is usually pasted material.

/** Share of the character budget given to the head of a long text. */
const HEAD_SHARE = 0.75;
const SPACE = 0x20;
const ZERO = 0x30;

function isSpace(code: number): boolean {
  return code === SPACE || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x85
    || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x3000;
}

function folded(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  if (code >= 0x30 && code <= 0x39) return ZERO;
  if (code >= 0xc0 && code <= 0xde && code !== 0xd7) return code + 32;
  return isSpace(code) ? SPACE : code;
}

/**
 * Writes the normalised text into `out` between a leading and a trailing space and returns its
 * length. `out` must hold maxChars + 3 code units.
 *
 * @example normalizeInto('Add 2  AND 40', 1000, buffer) // buffer holds " add 0 and 0 ", returns 13
 */
export function normalizeInto(text: string, maxChars: number, out: Uint16Array): number {
  const head = text.length <= maxChars ? text.length : Math.floor(maxChars * HEAD_SHARE);
  const tailStart = text.length <= maxChars ? text.length : text.length - (maxChars - head);
  let length = 0;
  out[length++] = SPACE;
  const push = (code: number): void => {
    const previous = out[length - 1];
    if ((code === SPACE || code === ZERO) && previous === code) return;
    out[length++] = code;
  };
  for (let i = 0; i < head; i++) push(folded(text.charCodeAt(i)));
  if (tailStart < text.length) push(SPACE);
  for (let i = tailStart; i < text.length; i++) push(folded(text.charCodeAt(i)));
  push(SPACE);
  return length;
}
