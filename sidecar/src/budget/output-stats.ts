// Recent output lengths per route, for the cost oracle when a request names no max_tokens: the
// p90 of the last completions the route served.
const WINDOW = 256;

export class OutputStats {
  private readonly recent = new Map<string, number[]>();

  record(route: string, outputTokens: number): void {
    const list = this.recent.get(route) ?? [];
    list.push(outputTokens);
    if (list.length > WINDOW) list.shift();
    this.recent.set(route, list);
  }

  /** The 90th percentile of the route's recent output tokens; undefined before any. */
  p90(route: string): number | undefined {
    const list = this.recent.get(route);
    if (list === undefined || list.length === 0) return undefined;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
  }
}
