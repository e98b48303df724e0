import type { Span } from '../entities.js';
import type { Candidate, ShapeDetector } from './shape.js';

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const EMBEDDED_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** RFC 4291 text forms: eight groups, or fewer around one `::`, optionally ending in dotted IPv4. */
export function isIpv6(candidate: string): boolean {
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let slots = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!EMBEDDED_IPV4.test(last)) return false;
    groups.pop();
    slots += 1;
  }
  if (!groups.every((group) => HEX_GROUP.test(group))) return false;
  if (halves.length === 1) return slots === 8;
  if (slots > 7) return false;
  // "dead::beef", "add::face": hex-letter words around "::" read as code or prose, not addresses.
  return slots === 0 || groups.some((group) => /[0-9]/.test(group)) || slots >= 3;
}

// Two colons close together anchor a candidate; times (10:30) and labels (Fee:) never start one.
const TWO_COLONS = /:[0-9A-Fa-f]{0,4}:/g;
const BODY = /[0-9A-Fa-f:]{2,39}(?:\.[0-9]{1,3}){0,3}/y;
const HEX = /[0-9A-Fa-f]/;
const TOKEN = /[\w:.]/;

function findIpv6(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  TWO_COLONS.lastIndex = 0;
  for (let match = TWO_COLONS.exec(text); match !== null; match = TWO_COLONS.exec(text)) {
    let start = match.index;
    while (start > 0 && match.index - start < 4 && HEX.test(text[start - 1] ?? '')) start -= 1;
    BODY.lastIndex = start;
    const body = BODY.exec(text);
    const end = start + (body?.[0].length ?? 0);
    TWO_COLONS.lastIndex = Math.max(end, match.index + 1);
    if (start > 0 && TOKEN.test(text[start - 1] ?? '')) continue;
    if (body === null || /[\w:]/.test(text[end] ?? '')) continue;
    candidates.push({ start, end });
  }
  return candidates;
}

export const ipv6Detector: ShapeDetector = {
  name: 'ipv6',
  mayOccur: (text) => text.includes(':'),
  find: findIpv6,
  confirm: (text, start, end): Span[] => {
    const candidate = text.slice(start, end);
    if (candidate === '::' || !isIpv6(candidate)) return [];
    return [{ kind: 'ipv6', start, end }];
  },
};
