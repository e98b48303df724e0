import type { Script } from './script.js';

export interface ScriptTarget {
  model?: string;
  path: string;
}

interface Pending {
  script: Script;
  remaining: number;
}

/**
 * Counted scripts are served first, oldest matching first; persistent (`always`) scripts apply
 * when no counted script matches, so a one-off fault can be layered over a fault-injection run.
 */
export class ScriptBook {
  private queue: Pending[] = [];
  private persistent: Script[] = [];

  push(...scripts: Script[]): void {
    for (const script of scripts) {
      if (script.always === true) this.persistent.push(script);
      else this.queue.push({ script, remaining: script.count ?? 1 });
    }
  }

  take(target: ScriptTarget): Script | undefined {
    const index = this.queue.findIndex((pending) => matches(pending.script, target));
    const pending = this.queue[index];
    if (pending !== undefined) {
      pending.remaining -= 1;
      if (pending.remaining <= 0) this.queue.splice(index, 1);
      return pending.script;
    }
    return this.persistent.find((script) => matches(script, target));
  }

  pending(): Script[] {
    return [...this.queue.map((p) => ({ ...p.script, count: p.remaining })), ...this.persistent];
  }

  clear(): void {
    this.queue = [];
    this.persistent = [];
  }
}

function matches(script: Script, target: ScriptTarget): boolean {
  const match = script.match;
  if (match === undefined) return true;
  if (match.model !== undefined && match.model !== target.model) return false;
  if (match.path !== undefined && !target.path.includes(match.path)) return false;
  return true;
}
