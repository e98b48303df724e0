// The channel server's certificate follows the webhook's rotation: after updateTls, new
// connections get the renewed certificate and a stream opened before keeps working.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { connect as connectHttp2 } from 'node:http2';
import { connect as connectTls } from 'node:tls';
import type { ClusterView } from '../kube/informers.js';
import type { KubePort } from '../kube/port.js';
import { RevisionTracker } from '../kube/revision.js';
import { silentLogger } from '../log.js';
import { createCertificateBundle, type CertificateBundle } from '../webhook/certificates.js';
import { SidecarHub } from './hub.js';
import { startChannelServer, type ChannelServer } from './server.js';

const unused = (): never => { throw new Error('unused'); };
const kube: KubePort = {
  readSecret: unused, patchStatus: unused, recordEvent: unused, reviewAccess: unused, readLease: unused, writeLease: unused,
  applyConfigMap: unused, deleteConfigMap: unused, readConfigMap: unused, readPod: unused, reviewToken: unused,
};
const view: ClusterView = { resources: () => [], pods: () => [], pod: () => undefined, namespaces: () => [], revision: new RevisionTracker() };

let first: CertificateBundle;
let renewed: CertificateBundle;
let server: ChannelServer;

/** The certificate a fresh TLS connection trusting `ca` is served. */
function servedCertificate(ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTls({ host: '127.0.0.1', port: server.port, ca, servername: 'localhost', ALPNProtocols: ['h2'] }, () => {
      const raw = socket.getPeerX509Certificate();
      socket.destroy();
      resolve(raw?.fingerprint256 ?? '');
    });
    socket.once('error', reject);
  });
}

beforeAll(async () => {
  const now = new Date();
  [first, renewed] = await Promise.all([createCertificateBundle(['127.0.0.1', 'localhost'], now), createCertificateBundle(['127.0.0.1', 'localhost'], now)]);
  server = await startChannelServer({
    host: '127.0.0.1', port: 0, cert: first.cert, key: first.key,
    hub: new SidecarHub({ onSidecarChange: () => {}, onUnknownPod: () => {} }), view, kube, log: silentLogger,
  });
});

afterAll(() => server.close());

describe('the channel server certificate', () => {
  it('serves the certificate it started with', async () => {
    expect(await servedCertificate(first.ca)).toBe(new X509Certificate(first.cert).fingerprint256);
  });

  it('serves the renewed certificate to new connections after updateTls, and keeps an open session', async () => {
    const open = connectHttp2(`https://localhost:${server.port}`, { ca: first.ca, host: '127.0.0.1' });
    open.on('error', () => undefined);
    const status = (): Promise<number> => new Promise((resolve, reject) => {
      const request = open.request({ ':method': 'GET', ':path': '/nowhere' });
      request.on('response', (headers) => resolve(Number(headers[':status'])));
      request.on('error', reject);
      request.resume();
      request.end();
    });
    expect(await status()).toBe(404);
    server.updateTls(renewed.cert, renewed.key);
    expect(await servedCertificate(renewed.ca)).toBe(new X509Certificate(renewed.cert).fingerprint256);
    await expect(servedCertificate(first.ca)).rejects.toThrow();
    expect(await status()).toBe(404);
    open.close();
  });
});
