// A bare channel client for the authentication cases: open the stream, report the status and
// whether a snapshot arrived.
import { readFileSync } from 'node:fs';
import { connect } from 'node:http2';
import { pkiPath } from './fleet.js';

export interface ProbeResult {
  readonly status: number;
  readonly body: string;
  readonly gotSnapshot: boolean;
}

export function probeChannel(url: string, headers: Record<string, string>, waitMs = 1500): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const session = connect(url, { ca: readFileSync(pkiPath('ca.crt')) });
    session.on('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': '/v1/channel', 'content-type': 'application/x-ndjson', ...headers });
    stream.write(`${JSON.stringify({ type: 'hello', pod: headers['x-switchyard-pod'] ?? '', revision: null, version: null })}\n`);
    let status = 0;
    let body = '';
    const finish = (): void => {
      clearTimeout(timer);
      session.destroy();
      resolve({ status, body, gotSnapshot: body.includes('"type":"snapshot"') });
    };
    const timer = setTimeout(finish, waitMs);
    stream.on('response', (responseHeaders) => { status = Number(responseHeaders[':status']); });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      body += chunk;
      if (body.includes('"type":"snapshot"')) finish();
    });
    stream.on('close', finish);
    stream.on('error', () => undefined);
  });
}
