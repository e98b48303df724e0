// AdmissionReview v1 in and out. A body that is not an AdmissionReview v1 with a request uid is
// answered with HTTP 400 and no review: without a uid there is nothing valid to answer, and the
// apiserver then applies the webhook's failurePolicy (it never sends such a body itself).
import type { V1Pod } from '@kubernetes/client-node';
import type { PatchOperation } from './patch.js';

export interface AdmissionRequest {
  uid: string;
  kind: { group: string; version: string; kind: string };
  operation: string;
  namespace: string;
  object: unknown;
  dryRun: boolean;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  patchType?: 'JSONPatch';
  patch?: string;
  warnings?: string[];
  status?: { code: number; message: string };
}

export interface AdmissionReviewOut {
  apiVersion: 'admission.k8s.io/v1';
  kind: 'AdmissionReview';
  response: AdmissionResponse;
}

export class MalformedReviewError extends Error {
  override readonly name = 'MalformedReviewError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

export function parseAdmissionReview(body: string): AdmissionRequest {
  let review: unknown;
  try {
    review = JSON.parse(body);
  } catch {
    throw new MalformedReviewError('body is not JSON');
  }
  if (!isRecord(review) || review.apiVersion !== 'admission.k8s.io/v1' || review.kind !== 'AdmissionReview') {
    throw new MalformedReviewError('body is not an admission.k8s.io/v1 AdmissionReview');
  }
  const request = review.request;
  if (!isRecord(request) || text(request, 'uid') === '') throw new MalformedReviewError('review has no request.uid');
  const kind = isRecord(request.kind) ? request.kind : {};
  return {
    uid: text(request, 'uid'),
    kind: { group: text(kind, 'group'), version: text(kind, 'version'), kind: text(kind, 'kind') },
    operation: text(request, 'operation'),
    namespace: text(request, 'namespace'),
    object: request.object,
    dryRun: request.dryRun === true,
  };
}

/** The pod under review, or undefined when the request is not a core/v1 Pod CREATE. */
export function podToCreate(request: AdmissionRequest): V1Pod | undefined {
  const { group, version, kind } = request.kind;
  if (request.operation !== 'CREATE' || group !== '' || version !== 'v1' || kind !== 'Pod') return undefined;
  if (!isRecord(request.object)) return undefined;
  // The apiserver has decoded and defaulted the object; its shape is a core/v1 Pod.
  const pod = structuredClone(request.object) as V1Pod;
  pod.metadata = { ...pod.metadata, namespace: pod.metadata?.namespace || request.namespace };
  return pod;
}

export function reviewResponse(response: AdmissionResponse): AdmissionReviewOut {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
}

export function allowWithPatch(uid: string, operations: readonly PatchOperation[]): AdmissionReviewOut {
  if (operations.length === 0) return reviewResponse({ uid, allowed: true });
  const patch = Buffer.from(JSON.stringify(operations)).toString('base64');
  return reviewResponse({ uid, allowed: true, patchType: 'JSONPatch', patch });
}
