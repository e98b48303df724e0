// A parser for the PromQL the dashboards use (selectors, ranges, functions, aggregations with
// by/without, binary operators with on/ignoring and group_left/right), strict enough to reject a
// typo, and reporting every metric a query selects and every function applied to a range.

export interface ParsedQuery {
  /** Metric names of every vector selector. */
  readonly metrics: readonly string[];
  /** Functions applied to a range selector, with the metric they read (rate(x[5m]) → ['rate', 'x']). */
  readonly rangeFunctions: readonly (readonly [string, string])[];
}

const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'group', 'count_values']);
const FUNCTIONS = new Set([
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'histogram_quantile', 'abs', 'ceil', 'floor', 'round', 'clamp_min', 'clamp_max',
  'time', 'vector', 'scalar', 'label_replace', 'avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time', 'count_over_time', 'absent', 'sort', 'sort_desc',
]);
const BINARY = new Set(['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless']);
const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);

type Token = { kind: 'ident' | 'number' | 'string' | 'duration' | 'op' | 'punct'; text: string };

const TOKEN = /\s*(?:(\[[0-9]+[smhdwy]\])|("(?:[^"\\]|\\.)*")|([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)|([a-zA-Z_:][a-zA-Z0-9_:]*)|(==|!=|>=|<=|=~|!~|[-+*/%^<>=])|([(){},]))/y;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < query.length) {
    if (/^\s*$/.test(query.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(query);
    if (match === null) throw new Error(`unexpected character at ${at}: ${JSON.stringify(query.slice(at, at + 20))}`);
    const [, duration, string, number, ident, op, punct] = match;
    if (duration !== undefined) tokens.push({ kind: 'duration', text: duration });
    else if (string !== undefined) tokens.push({ kind: 'string', text: string });
    else if (number !== undefined) tokens.push({ kind: 'number', text: number });
    else if (ident !== undefined) tokens.push({ kind: 'ident', text: ident });
    else if (op !== undefined) tokens.push({ kind: 'op', text: op });
    else if (punct !== undefined) tokens.push({ kind: 'punct', text: punct });
  }
  return tokens;
}

class Parser {
  private at = 0;
  readonly metrics: string[] = [];
  readonly rangeFunctions: [string, string][] = [];

  constructor(private readonly tokens: Token[]) {}

  parse(): void {
    this.expression();
    if (this.at !== this.tokens.length) throw new Error(`unexpected ${JSON.stringify(this.peek()?.text)} after the expression`);
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  private next(): Token {
    const token = this.tokens[this.at];
    if (token === undefined) throw new Error('unexpected end of query');
    this.at += 1;
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.text !== text) throw new Error(`expected ${JSON.stringify(text)}, got ${JSON.stringify(token.text)}`);
  }

  private expression(): void {
    this.unary();
    while (this.peek() !== undefined && BINARY.has(this.peek()?.text ?? '')) {
      this.next();
      if (this.peek()?.text === 'bool') this.next();
      if (this.peek()?.text === 'on' || this.peek()?.text === 'ignoring') {
        this.next();
        this.labelList();
      }
      if (this.peek()?.text === 'group_left' || this.peek()?.text === 'group_right') {
        this.next();
        if (this.peek()?.text === '(') this.labelList();
      }
      this.unary();
    }
  }

  private unary(): void {
    if (this.peek()?.text === '-' || this.peek()?.text === '+') this.next();
    this.primary();
  }

  private primary(): { range: boolean; metric: string | null } {
    const token = this.next();
    if (token.kind === 'number' || token.kind === 'string') return { range: false, metric: null };
    if (token.text === '(') {
      this.expression();
      this.expect(')');
      return { range: false, metric: null };
    }
    if (token.kind === 'punct' && token.text === '{') return this.selector(null);
    if (token.kind !== 'ident') throw new Error(`unexpected ${JSON.stringify(token.text)}`);
    if (AGGREGATIONS.has(token.text)) return this.aggregation();
    if (this.peek()?.text === '(') return this.call(token.text);
    return this.selector(token.text);
  }

  private aggregation(): { range: false; metric: null } {
    if (this.peek()?.text === 'by' || this.peek()?.text === 'without') {
      this.next();
      this.labelList();
    }
    this.arguments();
    if (this.peek()?.text === 'by' || this.peek()?.text === 'without') {
      this.next();
      this.labelList();
    }
    return { range: false, metric: null };
  }

  private call(name: string): { range: false; metric: null } {
    if (!FUNCTIONS.has(name)) throw new Error(`unknown function ${name}`);
    this.expect('(');
    while (this.peek()?.text !== ')') {
      this.lastSelector = { range: false, metric: null };
      this.expression();
      const { range, metric } = this.lastSelector;
      if (range && metric !== null && this.tokens[this.at - 1]?.kind === 'duration') this.rangeFunctions.push([name, metric]);
      if (this.peek()?.text === ',') this.next();
    }
    this.expect(')');
    return { range: false, metric: null };
  }

  private lastSelector: { range: boolean; metric: string | null } = { range: false, metric: null };

  private arguments(): void {
    this.expect('(');
    this.expression();
    while (this.peek()?.text === ',') {
      this.next();
      this.expression();
    }
    this.expect(')');
  }

  private selector(metric: string | null): { range: boolean; metric: string | null } {
    if (metric !== null) this.metrics.push(metric);
    if (this.peek()?.text === '{' && metric !== null) this.next();
    if (this.tokens[this.at - 1]?.text === '{') this.matchers();
    const range = this.peek()?.kind === 'duration';
    if (range) this.next();
    this.lastSelector = { range, metric };
    return this.lastSelector;
  }

  private matchers(): void {
    while (this.peek()?.text !== '}') {
      const label = this.next();
      if (label.kind !== 'ident') throw new Error(`expected a label name, got ${JSON.stringify(label.text)}`);
      const op = this.next();
      if (!MATCH_OPS.has(op.text)) throw new Error(`expected a matcher operator, got ${JSON.stringify(op.text)}`);
      if (this.next().kind !== 'string') throw new Error(`label ${label.text} needs a quoted value`);
      if (this.peek()?.text === ',') this.next();
    }
    this.expect('}');
  }

  private labelList(): void {
    this.expect('(');
    while (this.peek()?.text !== ')') {
      if (this.next().kind !== 'ident') throw new Error('expected a label name in a label list');
      if (this.peek()?.text === ',') this.next();
    }
    this.expect(')');
  }
}

/** Grafana's variables as Prometheus would see them after interpolation. */
export function interpolate(query: string): string {
  return query.replace(/\$__rate_interval|\$__interval|\$__range/g, '5m').replace(/\$\{?[a-zA-Z_]+\}?/g, '.*');
}

/** @throws when the query does not parse. */
export function parsePromQL(query: string): ParsedQuery {
  const parser = new Parser(tokenize(interpolate(query)));
  parser.parse();
  return { metrics: parser.metrics, rangeFunctions: parser.rangeFunctions };
}
