// The channel server: HTTP/2 over TLS. `POST /v1/channel` is a sidecar's stream (stream.ts);
// `GET /v1/sidecars` is proxy-status (viewer.ts). Everything else is 404.
import { createSecureServer, type Http2SecureServer, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { ClusterView } from '../kube/informers.js';
import type { KubePort } from '../kube/port.js';
import { describeError, type Logger } from '../log.js';
import { authenticateSidecar, bearerToken, parsePodHeader } from './authenticate.js';
import type { SidecarHub } from './hub.js';
import { reportSidecars } from './report.js';
import { serveChannel } from './stream.js';
import { authorizeViewer } from './viewer.js';

export interface ChannelServerOptions {
  readonly host: string;
  readonly port: number;
  readonly cert: Buffer | string;
  readonly key: Buffer | string;
  /** CA whose client certificates may read /v1/sidecars (the cluster CA); none: tokens only. */
  readonly clientCa?: Buffer | string;
  readonly pingMs?: number;
  /** Audience sidecars' projected tokens are issued for (default "switchyard"). */
  readonly audience?: string;
  /** Streams are closed at this age so sidecars re-authenticate (default 1 h). */
  readonly maxStreamAgeMs?: number;
  readonly hub: SidecarHub;
  readonly view: ClusterView;
  readonly kube: KubePort;
  readonly log: Logger;
}

export interface ChannelServer {
  readonly port: number;
  /** Serves a renewed certificate to new connections; open streams keep theirs until they reconnect. */
  updateTls(cert: Buffer | string, key: Buffer | string): void;
  close(): Promise<void>;
}

function sendJson(res: Http2ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: Http2ServerRequest, res: Http2ServerResponse, options: ChannelServerOptions): Promise<void> {
  if (req.method === 'POST' && req.url === '/v1/channel') {
    const auth = await authenticateSidecar(options.kube, options.view, bearerToken(req.headers.authorization), parsePodHeader(req.headers['x-switchyard-pod']), options.audience);
    if (!auth.ok) {
      options.log.warn('channel refused', { reason: auth.reason, pod: String(req.headers['x-switchyard-pod'] ?? '') });
      sendJson(res, auth.status, { error: { reason: auth.reason, message: auth.message } });
      return;
    }
    serveChannel(req, res, { hub: options.hub, pod: auth.pod, pingMs: options.pingMs ?? 10_000, maxAgeMs: options.maxStreamAgeMs ?? 3_600_000, log: options.log });
    return;
  }
  if (req.method === 'GET' && req.url === '/v1/sidecars') {
    const access = await authorizeViewer(options.kube, req);
    if (!access.ok) return sendJson(res, access.status, { error: { reason: access.status === 401 ? 'Unauthenticated' : 'Forbidden' } });
    return sendJson(res, 200, { sidecars: reportSidecars(options.hub) });
  }
  sendJson(res, 404, { error: { reason: 'NotFound' } });
}

export async function startChannelServer(options: ChannelServerOptions): Promise<ChannelServer> {
  const sessions = new Set<ServerHttp2Session>();
  const server: Http2SecureServer = createSecureServer({
    cert: options.cert,
    key: options.key,
    ...(options.clientCa === undefined ? {} : { ca: options.clientCa, requestCert: true, rejectUnauthorized: false }),
  });
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('request', (req: Http2ServerRequest, res: Http2ServerResponse) => {
    handle(req, res, options).catch((error: unknown) => {
      options.log.error('channel request failed', { error: describeError(error) });
      sendJson(res, 500, { error: { reason: 'Internal' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    // setSecureContext replaces the whole context, so the client CA goes in again.
    updateTls: (cert, key) => server.setSecureContext({ cert, key, ...(options.clientCa === undefined ? {} : { ca: options.clientCa }) }),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const session of sessions) session.destroy();
    }),
  };
}
