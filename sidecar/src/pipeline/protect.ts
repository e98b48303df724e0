// Stage 2: the route's PII policy, applied once before any target is chosen. A blocked request
// throws pii_blocked here and is never sent anywhere; a redacted one travels on with a restorer
// that puts the values back into the answer when the route asks for it.

import type { RouteRuntime } from '../config/runtime.js';
import type { ChatCompletionRequest, EmbeddingsRequest } from '../openai/index.js';
import { applyPiiPolicy, type PiiDetection, type PiiRestorer } from '../pii/index.js';

export interface Protected<R> {
  readonly request: R;
  readonly restorer: PiiRestorer | undefined;
  readonly detections: readonly PiiDetection[];
  /** The route's class for requests found to carry PII; undefined when none was found or none is set. */
  readonly detectedClass: string | undefined;
}

export type ProtectedChat = Protected<ChatCompletionRequest>;

export function protectChat(route: RouteRuntime, request: ChatCompletionRequest): ProtectedChat {
  return protect(route, request);
}

/** Embedding inputs get the same policy: redaction, blocking, and the class PII detection sets. */
export function protectEmbeddings(route: RouteRuntime, request: EmbeddingsRequest): Protected<EmbeddingsRequest> {
  return protect(route, request);
}

function protect<R extends ChatCompletionRequest | EmbeddingsRequest>(route: RouteRuntime, request: R): Protected<R> {
  const policy = route.compiled.pii;
  if (policy === null) return { request, restorer: undefined, detections: [], detectedClass: undefined };
  const outcome = applyPiiPolicy(request, policy);
  const found = outcome.detections.some((detection) => detection.count > 0);
  return {
    request: outcome.request,
    restorer: outcome.restorer,
    detections: outcome.detections,
    detectedClass: found ? route.compiled.dataPolicy?.piiDetectedClass ?? undefined : undefined,
  };
}
