// Newline-delimited frames from a byte stream; a line longer than the limit is an error, so a
// peer cannot make the reader buffer without bound.

export class LineReader {
  private buffer = '';

  constructor(private readonly maxLineBytes: number) {}

  /** Complete lines in the chunk; throws when a line outgrows the limit. */
  push(chunk: Buffer | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const parts = this.buffer.split('\n');
    this.buffer = parts.pop() ?? '';
    if (this.buffer.length > this.maxLineBytes) throw new Error(`frame longer than ${this.maxLineBytes} bytes`);
    return parts.map((line) => line.trim()).filter((line) => line !== '');
  }
}
