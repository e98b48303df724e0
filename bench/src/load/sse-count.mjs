// Counts `data:` events in an SSE body as it arrives and notes whether [DONE] ended it, so
// every stream can be checked for all 22 events without buffering it.
const MARKER = 'data:';

export class SseCount {
  events = 0;
  #carry = '';
  #tail = '';

  push(chunk) {
    const text = this.#carry + chunk.toString('latin1');
    for (let at = text.indexOf(MARKER); at !== -1; at = text.indexOf(MARKER, at + MARKER.length)) {
      this.events += 1;
    }
    // A marker split across chunks is found next time; 4 chars cannot hold a whole one.
    this.#carry = text.slice(-(MARKER.length - 1));
    this.#tail = (this.#tail + text).slice(-64);
  }

  get done() {
    return this.#tail.includes('[DONE]');
  }
}
