// A sidecar that refuses every snapshot: the channel protocol by hand, with a real bound token,
// to see how the operator reports a nack.
import { readFileSync } from 'node:fs';
import { connect, type ClientHttp2Session } from 'node:http2';
import { pkiPath } from './fleet.js';

export interface NackingSidecar {
  readonly nacked: () => number;
  close(): void;
}

export function startNackingSidecar(url: string, pod: string, token: string, reason: string, message: string): NackingSidecar {
  const session: ClientHttp2Session = connect(url, { ca: readFileSync(pkiPath('ca.crt')) });
  session.on('error', () => undefined);
  const stream = session.request({
    ':method': 'POST', ':path': '/v1/channel', authorization: `Bearer ${token}`, 'x-switchyard-pod': pod, 'content-type': 'application/x-ndjson',
  });
  stream.write(`${JSON.stringify({ type: 'hello', pod, revision: null, version: null })}\n`);
  let nacked = 0;
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const frame = JSON.parse(line) as { type: string; revision?: number; version?: string };
      if (frame.type !== 'snapshot') continue;
      nacked += 1;
      stream.write(`${JSON.stringify({ type: 'nack', revision: frame.revision, version: frame.version, reason, message })}\n`);
    }
  });
  stream.on('error', () => undefined);
  return { nacked: () => nacked, close: () => session.destroy() };
}
