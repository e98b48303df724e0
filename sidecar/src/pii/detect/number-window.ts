// A run of digit groups ("+44 (0)20 7946 0958", "4111-1111-1111-1111", "10.0.0.1") is cut into
// windows of consecutive groups; each numeric detector judges a window on its own.

export interface NumberWindow {
  /** The whole scanned text, for context words before the window. */
  readonly text: string;
  /** Offsets of the window in text, prefix included. */
  readonly start: number;
  readonly end: number;
  /** What opens the window: `+`, `+ `, `(`, `(+` or nothing. */
  readonly prefix: string;
  readonly groups: readonly string[];
  /** The groups joined. */
  readonly digits: string;
  /** seps[k] stands between groups[k] and groups[k + 1]. */
  readonly seps: readonly string[];
  /** The separator after the window inside the run; empty at the end of the run. */
  readonly followedBy: string;
}

const SPACES = /[ \u00A0\u202F]/;

/** A separator with white space in it: a window may start or end there. */
export function isLoose(separator: string): boolean {
  return SPACES.test(separator);
}

/** True when every separator is the same one character out of `allowed`. */
export function hasUniformSeparator(window: NumberWindow, allowed: string): boolean {
  const first = window.seps[0];
  if (first === undefined) return true;
  return first.length === 1 && allowed.includes(first) && window.seps.every((sep) => sep === first);
}

export function groupLengths(window: NumberWindow): number[] {
  return window.groups.map((group) => group.length);
}

export function digitsOf(window: NumberWindow): string {
  return window.digits;
}

/** Calendar dates written with numbers only: 2024-01-15, 15.01.2024, 01/15/24. */
export function isDateLike(window: NumberWindow): boolean {
  if (window.groups.length !== 3 || !hasUniformSeparator(window, '-./')) return false;
  const lengths = groupLengths(window).join(',');
  const [a = 0, b = 0, c = 0] = window.groups.map(Number);
  if (lengths === '4,2,2') return a >= 1900 && a <= 2199 && b <= 12 && c <= 31;
  if (lengths === '2,2,4') return c >= 1900 && c <= 2199 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
  if (lengths === '2,2,2' || lengths === '1,1,4' || lengths === '1,2,4' || lengths === '2,1,4') return a <= 31 && b <= 31;
  return false;
}
