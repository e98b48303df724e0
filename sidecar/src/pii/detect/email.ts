import type { Span } from '../entities.js';
import { findAll, WORD, type Candidate, type ShapeDetector } from './shape.js';

const LABEL = String.raw`[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F\-]{0,61}[A-Za-z0-9\u00C0-\u024F])?`;

// Anchored on "@": the domain is matched forwards, the local part is walked backwards, so the
// pattern is tried only where an "@" is, not at every word of the text.
// At most 8 labels before the top-level domain: bounds the work per "@" on hostile input.
const DOMAIN = new RegExp(`@(?:${LABEL}\\.){1,8}[A-Za-z]{2,24}(?![${WORD}\\-])`, 'g');
const LOCAL_CHAR = new RegExp(`[${WORD}.%+'\\-]`);
const WORD_CHAR = new RegExp(`[${WORD}]`);
const MAX_LOCAL = 64;

// Retina image names (`icon@2x.png`) have the shape of an address but never are one.
const IMAGE_SCALE = /^@\d+(?:\.\d+)?x\./i;

function withLocalPart(text: string, domain: Candidate): Candidate | undefined {
  let start = domain.start;
  while (start > 0 && domain.start - start < MAX_LOCAL + 1 && LOCAL_CHAR.test(text[start - 1] ?? '')) start -= 1;
  if (start === domain.start || domain.start - start > MAX_LOCAL) return undefined;
  if (!WORD_CHAR.test(text[start] ?? '') || text[domain.start - 1] === '.') return undefined;
  return { start, end: domain.end };
}

export const emailDetector: ShapeDetector = {
  name: 'email',
  mayOccur: (text) => text.includes('@'),
  find: (text) => findAll(DOMAIN, text).flatMap((domain) => withLocalPart(text, domain) ?? []),
  confirm: (text, start, end): Span[] => {
    const at = text.indexOf('@', start);
    if (IMAGE_SCALE.test(text.slice(at, end))) return [];
    return [{ kind: 'email', start, end }];
  },
};
