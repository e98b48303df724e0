// A parser for the subset of JavaScript regex syntax (flag "u") that matters to backtracking
// analysis. It runs only on patterns that already compiled with `new RegExp(source, flags)`,
// so it can assume valid syntax. Constructs RE2 lacks (backreferences, lookaround) are
// reported rather than parsed.

import {
  ANY, complement, DIGIT, EMPTY, foldCase, fromRanges, single, SPACE, union, WORD, type CharSet,
} from './charset.js';

export type RegexNode =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'assert' }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; branches: RegexNode[] }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number };

export type ParseResult = { ok: true; node: RegexNode } | { ok: false; reason: string };

const MAX_DEPTH = 32;

class Unsupported extends Error {}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly source: string, private ignoreCase: boolean) {}

  parse(): RegexNode {
    const node = this.alternation();
    if (this.pos < this.source.length) throw new Unsupported(`unexpected "${this.peek()}" at ${this.pos}`);
    return node;
  }

  private peek(offset = 0): string {
    return this.source[this.pos + offset] ?? '';
  }

  private startsWith(text: string): boolean {
    return this.source.startsWith(text, this.pos);
  }

  private alternation(): RegexNode {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  }

  private quantified(atom: RegexNode): RegexNode {
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (this.peek() === '?') this.pos++; // lazy: same ambiguity as greedy
    return { kind: 'repeat', body: atom, min: bounds[0], max: bounds[1] };
  }

  private quantifier(): [number, number] | null {
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      return c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    }
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
    if (!braces) return null;
    this.pos += braces[0].length;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    return [min, max];
  }

  private atom(): RegexNode {
    const c = this.peek();
    if (c === '(') return this.group();
    if (c === '[') return this.chars(this.characterClass());
    if (c === '^' || c === '$') {
      this.pos++;
      return { kind: 'assert' };
    }
    if (c === '.') {
      this.pos++;
      return { kind: 'chars', set: ANY };
    }
    if (c === '\\') return this.escape();
    return this.chars(single(this.literal()));
  }

  private chars(set: CharSet): RegexNode {
    return { kind: 'chars', set: this.ignoreCase ? foldCase(set) : set };
  }

  private literal(): number {
    const codePoint = this.source.codePointAt(this.pos)!;
    this.pos += codePoint > 0xffff ? 2 : 1;
    return codePoint;
  }

  private group(): RegexNode {
    if (++this.depth > MAX_DEPTH) throw new Unsupported(`groups nest deeper than ${MAX_DEPTH}`);
    const outerIgnoreCase = this.ignoreCase;
    this.pos++;
    if (this.startsWith('?=') || this.startsWith('?!') || this.startsWith('?<=') || this.startsWith('?<!')) {
      throw new Unsupported('lookaround is not RE2-compatible');
    }
    const modifiers = /^\?([ims]*)(?:-([ims]*))?:/.exec(this.source.slice(this.pos));
    const named = /^\?<[^>]+>/.exec(this.source.slice(this.pos));
    if (modifiers) {
      this.pos += modifiers[0].length;
      if (modifiers[1]!.includes('i')) this.ignoreCase = true;
      if (modifiers[2]?.includes('i')) this.ignoreCase = false;
    } else if (named) {
      this.pos += named[0].length;
    }
    const inner = this.alternation();
    this.pos++; // ')'
    this.ignoreCase = outerIgnoreCase;
    this.depth--;
    return inner;
  }

  private escape(): RegexNode {
    const c = this.peek(1);
    if (c === 'b' || c === 'B') {
      this.pos += 2;
      return { kind: 'assert' };
    }
    if (/[1-9]/.test(c) || (c === 'k' && this.peek(2) === '<')) throw new Unsupported('backreferences are not allowed');
    return this.chars(this.escapedSet());
  }

  /** An escape as a character set; shared by atoms and classes. `pos` is at the backslash. */
  private escapedSet(inClass = false): CharSet {
    const c = this.peek(1);
    this.pos += 2;
    switch (c) {
      case 'd': return DIGIT;
      case 'D': return complement(DIGIT);
      case 'w': return WORD;
      case 'W': return complement(WORD);
      case 's': return SPACE;
      case 'S': return complement(SPACE);
      case 'p':
      case 'P':
        this.pos = this.source.indexOf('}', this.pos) + 1;
        return ANY; // Unicode properties: assume they overlap everything.
      case 'n': return single(0x0a);
      case 'r': return single(0x0d);
      case 't': return single(0x09);
      case 'v': return single(0x0b);
      case 'f': return single(0x0c);
      case '0': return single(0);
      case 'b': return inClass ? single(0x08) : EMPTY;
      case 'c': return single(this.source.charCodeAt(this.pos++) % 32);
      case 'x': return single(this.hex(2));
      case 'u': return single(this.unicodeEscape());
      default: {
        this.pos -= 1;
        return single(this.literal());
      }
    }
  }

  private hex(length: number): number {
    const value = parseInt(this.source.slice(this.pos, this.pos + length), 16);
    this.pos += length;
    return value;
  }

  private unicodeEscape(): number {
    if (this.peek() === '{') {
      const end = this.source.indexOf('}', this.pos);
      const value = parseInt(this.source.slice(this.pos + 1, end), 16);
      this.pos = end + 1;
      return value;
    }
    return this.hex(4);
  }

  private characterClass(): CharSet {
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const parts: CharSet[] = [];
    while (this.peek() !== ']') {
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && from.length === 1 && from[0]![0] === from[0]![1]) {
        this.pos++;
        const to = this.classAtom();
        parts.push(fromRanges([[from[0]![0], to[0]![1]]]));
      } else {
        parts.push(from);
      }
    }
    this.pos++;
    const set = union(...parts);
    return negated ? complement(this.ignoreCase ? foldCase(set) : set) : set;
  }

  private classAtom(): CharSet {
    return this.peek() === '\\' ? this.escapedSet(true) : single(this.literal());
  }
}

/**
 * Parses a pattern that has already compiled as `new RegExp(source, flags)`.
 *
 * @example
 * parseRegex('(a+)+', false) // { ok: true, node: { kind: 'repeat', ... } }
 */
export function parseRegex(source: string, ignoreCase: boolean): ParseResult {
  try {
    return { ok: true, node: new Parser(source, ignoreCase).parse() };
  } catch (error: unknown) {
    if (error instanceof Unsupported) return { ok: false, reason: error.message };
    throw error;
  }
}
