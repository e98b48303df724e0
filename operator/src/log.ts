// Structured log lines for the operator: one JSON object per line on stderr. Callers pass facts,
// never Secret values or tokens.

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export function createLogger(component: string, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: string, msg: string, fields: LogFields = {}): void => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, component, msg, ...fields })}\n`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

export type LogLevel = 'info' | 'warn' | 'error';

/** Drops the lines below `level` (the chart's logLevel). */
export function atLevel(log: Logger, level: LogLevel): Logger {
  const drop = (): void => {};
  return {
    info: level === 'info' ? log.info : drop,
    warn: level === 'error' ? drop : log.warn,
    error: log.error,
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
