// Where sampled records go: stdout (collected with the pod's logs) or an append-only file whose
// path the sidecar is given (option, or SWITCHYARD_SAMPLE_LOG_FILE). A record that cannot be
// written is dropped and said so once per cause, in the log and the samples metric; it never
// falls back to stdout, where a route that asked for a file did not want its prompts to go.

import { createWriteStream, type WriteStream } from 'node:fs';
import type { Logger } from '../metrics/log.js';
import { recordSample } from '../metrics/request-log.js';

export type SinkName = 'stdout' | 'file';

export interface SampleSinkOptions {
  readonly writeStdout: (line: string) => void;
  /** Null when the sidecar was given no sample file. */
  readonly file: string | null;
  readonly log: Logger;
}

export interface SampleSinks {
  write(sink: SinkName, route: string, record: Record<string, unknown>): void;
  close(): Promise<void>;
}

export function createSampleSinks(options: SampleSinkOptions): SampleSinks {
  let stream: WriteStream | undefined;
  let broken = false;
  const warned = new Set<string>();
  const warnOnce = (cause: string, fields: Record<string, string>): void => {
    if (warned.has(cause)) return;
    warned.add(cause);
    options.log.warn('request samples are being dropped', { cause, ...fields });
  };
  const fileStream = (): WriteStream | undefined => {
    if (options.file === null || broken) return undefined;
    if (stream === undefined) {
      stream = createWriteStream(options.file, { flags: 'a', mode: 0o600 });
      stream.on('error', (error) => {
        broken = true;
        warnOnce('file-error', { file: options.file ?? '', error: error.message });
      });
    }
    return stream;
  };
  return {
    write(sink, route, record) {
      const line = `${JSON.stringify(record)}\n`;
      if (sink === 'stdout') {
        options.writeStdout(line);
        recordSample(sink, 'written');
        return;
      }
      const target = fileStream();
      if (target === undefined) {
        if (options.file === null) warnOnce('no-file', { route, hint: 'set SWITCHYARD_SAMPLE_LOG_FILE or the sampleFile option' });
        recordSample(sink, 'dropped');
        return;
      }
      target.write(line);
      recordSample(sink, 'written');
    },
    async close() {
      if (stream === undefined) return;
      const closing = stream;
      stream = undefined;
      await new Promise<void>((resolve) => closing.end(() => resolve()));
    },
  };
}
