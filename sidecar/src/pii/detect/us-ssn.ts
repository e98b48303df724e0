import type { Span } from '../entities.js';
import { hasSsnLabel, isLabelledIdentifier } from '../context.js';
import { isValidSsn } from '../ssn.js';
import { groupLengths, hasUniformSeparator, type NumberWindow } from './number-window.js';

/** ddd-dd-dddd, valid or not: such a window is never read as a phone number. */
export function isSsnShaped(window: NumberWindow): boolean {
  return window.prefix === '' && groupLengths(window).join(',') === '3,2,4' && hasUniformSeparator(window, '- .\u00A0');
}

/** `ddd-dd-dddd` (or spaces, dots), or nine bare digits right after an SSN label. */
export function confirmSsn(window: NumberWindow): Span | undefined {
  if (window.prefix !== '') return undefined;
  const shape = groupLengths(window).join(',');
  let parts: readonly string[];
  if (isSsnShaped(window)) parts = window.groups;
  else if (shape === '9' && hasSsnLabel(window.text, window.start)) {
    const digits = window.groups[0] ?? '';
    parts = [digits.slice(0, 3), digits.slice(3, 5), digits.slice(5)];
  } else return undefined;
  const [area = '', group = '', serial = ''] = parts;
  if (!isValidSsn(area, group, serial) || isLabelledIdentifier(window.text, window.start)) return undefined;
  return { kind: 'us-ssn', start: window.start, end: window.end };
}
