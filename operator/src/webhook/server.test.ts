import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:https';
import { createCertificateBundle, type CertificateBundle } from './certificates.js';
import type { Labels } from './decide.js';
import type { PatchOperation } from './patch.js';
import { createWebhookServer, type WebhookLogEntry, type WebhookServer } from './server.js';
import { defaultInjectionSettings } from './settings.js';

interface Reply {
  status: number;
  body: unknown;
}

let bundle: CertificateBundle;
let server: WebhookServer;
let port = 0;
const logs: WebhookLogEntry[] = [];
const namespaces: Record<string, Labels> = { 'team-a': { 'switchyard.dev/inject': 'enabled' }, plain: {} };

function call(method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, ca: bundle.ca, servername: 'localhost' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function review(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'uid-1',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      operation: 'CREATE',
      namespace: 'team-a',
      object: { metadata: { generateName: 'web-' }, spec: { containers: [{ name: 'app', image: 'app:1' }] } },
      ...overrides,
    },
  });
}

function responseOf(reply: Reply): { uid: string; allowed: boolean; patchType?: string; patch?: string; status?: unknown } {
  return (reply.body as { response: { uid: string; allowed: boolean; patchType?: string; patch?: string } }).response;
}

beforeAll(async () => {
  bundle = await createCertificateBundle(['localhost', '127.0.0.1'], new Date());
  server = createWebhookServer({
    tls: bundle,
    settings: defaultInjectionSettings,
    namespaceLabels: async (name) => {
      const labels = namespaces[name];
      if (labels === undefined) throw new Error(`namespace ${name} unreadable`);
      return labels;
    },
    log: (entry) => logs.push(entry),
  });
  port = await server.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await server.close();
});

describe('POST /mutate', () => {
  it('answers a pod create in an enabled namespace with a JSON Patch and the request uid', async () => {
    const reply = await call('POST', '/mutate', review({}));
    expect(reply.status).toBe(200);
    const response = responseOf(reply);
    expect(response).toMatchObject({ uid: 'uid-1', allowed: true, patchType: 'JSONPatch' });
    const ops = JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString('utf8')) as PatchOperation[];
    expect(ops.map((o) => o.path)).toContain('/spec/initContainers');
    expect(logs.at(-1)).toMatchObject({ msg: 'Injected sidecar', reason: 'NamespaceEnabled', pod: { namespace: 'team-a', name: 'web-' } });
  });

  it.each<[string, Record<string, unknown>]>([
    ['allows a pod in an unlabelled namespace without a patch', { namespace: 'plain' }],
    ['allows an UPDATE without a patch', { operation: 'UPDATE' }],
    ['allows a kind other than Pod without a patch', { kind: { group: 'apps', version: 'v1', kind: 'Deployment' } }],
  ])('%s', async (_sentence, overrides) => {
    const reply = await call('POST', '/mutate', review(overrides));
    expect(reply.status).toBe(200);
    expect(responseOf(reply)).toEqual({ uid: 'uid-1', allowed: true });
  });

  it.each<[string, string]>([
    ['answers 400 to a body that is not JSON', 'not json'],
    ['answers 400 to an AdmissionReview of another version', JSON.stringify({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: { uid: 'x' } })],
    ['answers 400 to a review without a request uid', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} })],
  ])('%s', async (_sentence, body) => {
    expect((await call('POST', '/mutate', body)).status).toBe(400);
  });

  it("answers 500 when the namespace's labels cannot be read, so the failurePolicy decides", async () => {
    expect((await call('POST', '/mutate', review({ namespace: 'gone' }))).status).toBe(500);
  });
});

describe('other requests', () => {
  it.each<[string, string, string, number]>([
    ['GET /mutate is not allowed', 'GET', '/mutate', 405],
    ['an unknown path is not found', 'POST', '/validate', 404],
  ])('%s', async (_sentence, method, path, status) => {
    expect((await call(method, path)).status).toBe(status);
  });
});
