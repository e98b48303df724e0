// Who is on the other end of a channel stream. The token must be a ServiceAccount token for
// the channel's audience ("switchyard" unless the chart's sidecar.tokenAudience says otherwise) bound to the very pod the stream claims to be, in that namespace, and
// that pod must run as that ServiceAccount and carry the sidecar label. Every failure is a
// closed set of reasons the server maps to 401 or 403.
import type { ClusterView } from '../kube/informers.js';
import { SIDECAR_LABEL } from '../kube/informers.js';
import type { KubePort, PodInfo } from '../kube/port.js';

export const CHANNEL_AUDIENCE = 'switchyard';
const POD_NAME_EXTRA = 'authentication.kubernetes.io/pod-name';
const POD_UID_EXTRA = 'authentication.kubernetes.io/pod-uid';
const SERVICE_ACCOUNT_USER = /^system:serviceaccount:([a-z0-9]([-a-z0-9]*[a-z0-9])?):([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/;

export type AuthFailure =
  | 'MissingToken' | 'InvalidToken' | 'MissingPod' | 'NotServiceAccount' | 'NamespaceMismatch'
  | 'NotBoundToPod' | 'PodMismatch' | 'PodNotFound' | 'ServiceAccountMismatch' | 'NotASidecar';

export type AuthResult = { ok: true; pod: PodInfo } | { ok: false; status: 401 | 403; reason: AuthFailure; message: string };

const fail = (status: 401 | 403, reason: AuthFailure, message: string): AuthResult => ({ ok: false, status, reason, message });

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
  return match?.[1];
}

export function parsePodHeader(header: string | string[] | undefined): { namespace: string; name: string } | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^([a-z0-9][-a-z0-9]{0,62})\/([a-z0-9][-.a-z0-9]{0,252})$/.exec(value ?? '');
  return match === null ? undefined : { namespace: match[1]!, name: match[2]! };
}

export async function authenticateSidecar(
  port: KubePort,
  view: ClusterView,
  token: string | undefined,
  claimed: { namespace: string; name: string } | undefined,
  audience: string = CHANNEL_AUDIENCE,
): Promise<AuthResult> {
  if (token === undefined) return fail(401, 'MissingToken', 'a bearer token is required');
  if (claimed === undefined) return fail(403, 'MissingPod', 'x-switchyard-pod must be <namespace>/<pod>');
  const identity = await port.reviewToken(token, [audience]);
  if (identity === undefined) return fail(401, 'InvalidToken', `the token was not accepted for audience ${audience}`);
  const user = SERVICE_ACCOUNT_USER.exec(identity.username);
  if (user === null) return fail(403, 'NotServiceAccount', 'only ServiceAccount tokens may open the channel');
  const [, namespace, , serviceAccount] = user;
  if (namespace !== claimed.namespace) return fail(403, 'NamespaceMismatch', 'the token belongs to another namespace');
  const boundPod = identity.extra[POD_NAME_EXTRA]?.[0];
  if (boundPod === undefined) return fail(403, 'NotBoundToPod', 'the token must be bound to a pod');
  if (boundPod !== claimed.name) return fail(403, 'PodMismatch', 'the token is bound to another pod');
  const pod = view.pod(claimed.namespace, claimed.name) ?? (await port.readPod(claimed.namespace, claimed.name));
  if (pod === undefined || pod.deleting) return fail(403, 'PodNotFound', 'the pod does not exist');
  const boundUid = identity.extra[POD_UID_EXTRA]?.[0];
  if (boundUid !== undefined && boundUid !== pod.uid) return fail(403, 'PodMismatch', 'the token is bound to an earlier pod of that name');
  if (pod.serviceAccountName !== serviceAccount) return fail(403, 'ServiceAccountMismatch', 'the pod runs as another ServiceAccount');
  if (pod.labels[SIDECAR_LABEL] !== 'true') return fail(403, 'NotASidecar', `the pod lacks the ${SIDECAR_LABEL}=true label`);
  return { ok: true, pod };
}
