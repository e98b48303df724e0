// GET /v1/sidecars from one operator replica, authenticated with the kubeconfig's client
// certificate or a bearer token.
import { connect } from 'node:http2';
import type { SidecarReport } from '../channel/report.js';

export interface ViewerCredentials {
  readonly ca?: Buffer | string;
  readonly cert?: Buffer | string;
  readonly key?: Buffer | string;
  readonly token?: string;
}

export function fetchSidecars(url: string, credentials: ViewerCredentials, timeoutMs = 10_000): Promise<SidecarReport[]> {
  return new Promise((resolve, reject) => {
    const session = connect(url, {
      ...(credentials.ca === undefined ? {} : { ca: credentials.ca }),
      ...(credentials.cert === undefined || credentials.key === undefined ? {} : { cert: credentials.cert, key: credentials.key }),
    });
    const fail = (error: Error): void => {
      session.destroy();
      reject(error);
    };
    session.on('error', fail);
    session.setTimeout(timeoutMs, () => fail(new Error(`${url}: no answer within ${timeoutMs} ms`)));
    const stream = session.request({
      ':method': 'GET', ':path': '/v1/sidecars',
      ...(credentials.token === undefined ? {} : { authorization: `Bearer ${credentials.token}` }),
    });
    let status = 0;
    let body = '';
    stream.on('response', (headers) => { status = Number(headers[':status']); });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => { body += chunk; });
    stream.on('error', fail);
    stream.on('end', () => {
      session.close();
      if (status !== 200) return reject(new Error(`${url}: ${status} ${body.slice(0, 300)}`));
      try {
        const parsed = JSON.parse(body) as { sidecars?: SidecarReport[] };
        resolve(parsed.sidecars ?? []);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
