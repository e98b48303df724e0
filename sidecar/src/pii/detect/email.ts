import type { Span } from '../entities.js';
import { WORD, type ShapeDetector } from './shape.js';

const LOCAL = `[${WORD}](?:[${WORD}.%+'\\-]{0,63})`;
const LABEL = String.raw`[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F\-]{0,61}[A-Za-z0-9\u00C0-\u024F])?`;

// Retina image names (`icon@2x.png`) have the shape of an address but never are one.
const IMAGE_SCALE = /@\d+(?:\.\d+)?x\./i;

export const emailDetector: ShapeDetector = {
  name: 'email',
  source: `(?<email>(?<![${WORD}.%+'\\-])${LOCAL}@(?:${LABEL}\\.)+[A-Za-z]{2,24}(?![${WORD}\\-]))`,
  confirm: (text, start, end): Span[] => {
    const candidate = text.slice(start, end);
    if (IMAGE_SCALE.test(candidate)) return [];
    const at = candidate.indexOf('@');
    if (candidate.endsWith('.') || candidate[at - 1] === '.') return [];
    return [{ kind: 'email', start, end }];
  },
};
