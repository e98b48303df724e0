import type { Span } from '../entities.js';
import { isLabelledVersion } from '../context.js';
import type { NumberWindow } from './number-window.js';

const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Dotted quad, no leading zeros (01.02.03.04 is a date or a version), not labelled a version. */
export function confirmIpv4(window: NumberWindow): Span | undefined {
  if (window.prefix !== '' || window.groups.length !== 4) return undefined;
  if (!window.seps.every((sep) => sep === '.') || !window.groups.every((group) => OCTET.test(group))) return undefined;
  if (isLabelledVersion(window.text, window.start)) return undefined;
  return { kind: 'ipv4', start: window.start, end: window.end };
}
