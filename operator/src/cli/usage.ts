// Command-line mistakes: a message naming what was wrong, exit status 2.

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE_EXIT = 2;

/**
 * Runs node:util parseArgs and turns its errors into UsageErrors that name the command and flag.
 *
 * @example withUsageErrors('compile', () => parseArgs({ args, options, strict: true }))
 */
export function withUsageErrors<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof TypeError) || !('code' in error) || typeof error.code !== 'string' || !error.code.startsWith('ERR_PARSE_ARGS')) throw error;
    const flag = /'(-[^' ]+)/.exec(error.message)?.[1];
    const message = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined
      ? `unknown flag ${flag}`
      : error.message.split('. ')[0] ?? error.message;
    throw new UsageError(`switchyard ${command}: ${message} (see switchyard ${command} --help)`);
  }
}

export function parsePort(command: string, text: string | undefined, fallback: number, flag = '--port'): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`switchyard ${command}: ${flag} must be a number from 0 to 65535, not ${JSON.stringify(text)}`);
  return port;
}
