import type { Incoming } from './incoming.js';
import type { Script } from './script.js';

/** What the simulator received, as tests and the demo inspect it. */
export interface RecordedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  model?: string;
  flavor?: string;
  stream: boolean;
  /** The script that shaped the answer, if any. */
  script?: Script;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;

  record(incoming: Incoming, details: { model?: string; flavor?: string; stream: boolean }): RecordedRequest {
    this.seq += 1;
    const entry: RecordedRequest = {
      seq: this.seq,
      at: new Date().toISOString(),
      method: incoming.method,
      path: incoming.url.pathname,
      query: Object.fromEntries(incoming.url.searchParams),
      headers: incoming.headers,
      body: incoming.body,
      stream: details.stream,
    };
    if (details.model !== undefined) entry.model = details.model;
    if (details.flavor !== undefined) entry.flavor = details.flavor;
    this.entries.push(entry);
    return entry;
  }

  list(): readonly RecordedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
