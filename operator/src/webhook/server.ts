// The injector's HTTPS endpoint: POST /mutate with an AdmissionReview v1. Every replica serves it
// (no leader election). Errors that are ours answer 500, so the apiserver applies the webhook's
// failurePolicy instead of us guessing; malformed reviews answer 400 (see review.ts).
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Labels } from './decide.js';
import { buildInjectionPatch } from './patch.js';
import { allowWithPatch, MalformedReviewError, parseAdmissionReview, podToCreate, reviewResponse, type AdmissionReviewOut } from './review.js';
import type { InjectionSettings } from './settings.js';
import type { TlsMaterial } from './certificates.js';

export const mutatePath = '/mutate';
/** Pods are capped by etcd's 1.5 MiB object limit; the review wraps one or two of them. */
const maxBodyBytes = 8 * 1024 * 1024;

export interface WebhookLogEntry {
  msg: string;
  uid?: string;
  pod?: { namespace: string; name: string };
  reason?: string;
  dryRun?: boolean;
  error?: string;
}

export interface WebhookServerOptions {
  tls: TlsMaterial;
  settings: InjectionSettings;
  /** Labels of a namespace by name; rejects when they cannot be read. */
  namespaceLabels: (namespace: string) => Promise<Labels>;
  log?: (entry: WebhookLogEntry) => void;
}

export interface WebhookServer {
  /** Resolves with the bound port (pass 0 for any). */
  listen(port: number, host: string): Promise<number>;
  /** Swaps the serving certificate for new connections (rotation). */
  updateTls(tls: TlsMaterial): void;
  close(): Promise<void>;
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function review(body: string, options: WebhookServerOptions): Promise<AdmissionReviewOut> {
  const log = options.log ?? (() => {});
  const request = parseAdmissionReview(body);
  const pod = podToCreate(request);
  if (pod === undefined) return reviewResponse({ uid: request.uid, allowed: true });
  const namespace = pod.metadata?.namespace ?? '';
  const labels = await options.namespaceLabels(namespace);
  const { decision, operations } = buildInjectionPatch(pod, labels, options.settings);
  log({
    msg: decision.inject ? 'Injected sidecar' : 'Skipped injection',
    uid: request.uid,
    pod: { namespace, name: pod.metadata?.name || pod.metadata?.generateName || '' },
    reason: decision.reason,
    dryRun: request.dryRun,
  });
  return allowWithPatch(request.uid, operations);
}

async function handle(req: IncomingMessage, res: ServerResponse, options: WebhookServerOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'https://localhost').pathname;
  if (path !== mutatePath) return send(res, 404, { error: 'not found' });
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return send(res, 405, { error: 'method not allowed' });
  }
  try {
    send(res, 200, await review(await readBody(req), options));
  } catch (error: unknown) {
    if (error instanceof BodyTooLargeError) return send(res, 413, { error: 'review too large' });
    if (error instanceof MalformedReviewError) return send(res, 400, { error: error.message });
    options.log?.({ msg: 'Review failed', error: messageOf(error) });
    send(res, 500, { error: 'review failed' });
  }
}

export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const server: Server = createServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, (req, res) => {
    void handle(req, res, options);
  });
  // The apiserver gives up after the webhook's timeoutSeconds (5 s in the chart).
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    updateTls: (tls) => server.setSecureContext({ cert: tls.cert, key: tls.key }),
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
