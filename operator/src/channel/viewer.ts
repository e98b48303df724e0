// Who may read GET /v1/sidecars: a client certificate from the cluster CA (when the server was
// given one) or a token TokenReview accepts, and in both cases RBAC must allow `list` on
// `sidecars.switchyard.dev` (SubjectAccessReview). Nothing about sidecars is served to anyone else.
import type { Http2ServerRequest } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { API_GROUP } from '@switchyard/contract';
import type { KubePort } from '../kube/port.js';
import { bearerToken } from './authenticate.js';

interface Viewer {
  readonly user: string;
  readonly groups: readonly string[];
}

function certificateViewer(req: Http2ServerRequest): Viewer | undefined {
  const socket = req.socket as TLSSocket;
  if (socket.authorized !== true) return undefined;
  const subject = socket.getPeerCertificate().subject;
  const user = subject?.CN;
  if (typeof user !== 'string' || user === '') return undefined;
  const organisations = subject.O;
  const groups = organisations === undefined ? [] : Array.isArray(organisations) ? organisations : [organisations];
  return { user, groups };
}

export async function authorizeViewer(port: KubePort, req: Http2ServerRequest): Promise<{ ok: true } | { ok: false; status: 401 | 403 }> {
  let viewer = certificateViewer(req);
  if (viewer === undefined) {
    const token = bearerToken(req.headers.authorization);
    const identity = token === undefined ? undefined : await port.reviewToken(token, []);
    if (identity !== undefined) viewer = { user: identity.username, groups: identity.groups };
  }
  if (viewer === undefined) return { ok: false, status: 401 };
  const allowed = await port.reviewAccess({ user: viewer.user, groups: viewer.groups, verb: 'list', group: API_GROUP, resource: 'sidecars' });
  return allowed ? { ok: true } : { ok: false, status: 403 };
}
