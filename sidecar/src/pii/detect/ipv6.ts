import type { Span } from '../entities.js';
import { atomic, type ShapeDetector } from './shape.js';

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

export const ipv6Detector: ShapeDetector = {
  name: 'ipv6',
  // At least two colons before anything else, so times (10:30) and labels (Fee:) never start one.
  source: `(?<ipv6>(?<![\\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)${atomic('ipv6', String.raw`[0-9A-Fa-f:]{2,39}(?:\.[0-9]{1,3}){0,3}`)}(?![\w:]))`,
  confirm: (text, start, end): Span[] => {
    let stop = end;
    while (stop > start && text[stop - 1] === '.') stop -= 1;
    const candidate = text.slice(start, stop);
    if (candidate === '::' || !isIpv6(candidate)) return [];
    return [{ kind: 'ipv6', start, end: stop }];
  },
};
