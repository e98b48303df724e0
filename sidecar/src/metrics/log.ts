// Structured log lines (one JSON object per line on stderr). Lives next to the metrics because
// both are how the sidecar reports on itself. Callers pass facts, never request bodies or
// credential values.

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * @example createLogger().warn('config rejected', { reason: 'SchemaInvalid' })
 *   // stderr: {"time":"…","level":"warn","msg":"config rejected","reason":"SchemaInvalid"}
 */
export function createLogger(write: (line: string) => void = batchedStderr): Logger {
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

// Writes to a pipe or file are synchronous in Node on Linux: one write per request line cost the
// hot path a system call each. Lines logged in one turn of the event loop go out in one write
// on the next; whatever is pending when the process exits (crash guard included) is flushed then.
let pending: string[] = [];
let flushHooked = false;

function flushStderr(): void {
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stderr.write(text);
}

function batchedStderr(line: string): void {
  if (!flushHooked) {
    flushHooked = true;
    process.on('exit', flushStderr);
  }
  if (pending.length === 0) setImmediate(flushStderr);
  pending.push(line);
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A thrown value for a log field: its stack when it has one (checked by shape, not instanceof, since errors may come from another realm). */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'stack' in error && typeof error.stack === 'string') return error.stack;
  return String(error);
}
