// The entry point for the request pipeline: scan every text of a request once, refuse it when
// a `block` kind is present, otherwise return a copy with `redact` kinds replaced by placeholders.

import type { PiiConfig } from '@switchyard/contract';
import type { ChatCompletionRequest, EmbeddingsRequest } from '../openai/index.js';
import { piiBlockedError } from './blocked.js';
import { mapChatTexts, type TextMapper } from './chat-texts.js';
import { mapEmbeddingTexts } from './embedding-texts.js';
import { kindName, type EntityKind, type PiiAction } from './entities.js';
import { literalPlaceholders, PlaceholderBook } from './placeholders.js';
import { compilePiiPolicy } from './policy.js';
import { blockedKinds, findPii, redactFindings, type Finding } from './redact.js';
import { createPiiRestorer, type PiiRestorer } from './response-restorer.js';
import { recordPiiDetections } from '../metrics/pii.js';

export interface PiiDetection {
  /** The CRD entity type, or the custom detector's name. */
  readonly type: string;
  readonly action: PiiAction;
  readonly count: number;
}

export interface PiiOutcome<R> {
  /** The request to send upstream: the input itself when nothing was redacted. */
  readonly request: R;
  /** Present when the route restores values and at least one was redacted. */
  readonly restorer?: PiiRestorer;
  readonly detections: readonly PiiDetection[];
}

type PiiRequest = ChatCompletionRequest | EmbeddingsRequest;

function isChat(request: PiiRequest): request is ChatCompletionRequest {
  return Array.isArray((request as ChatCompletionRequest).messages);
}

function mapTexts<R extends PiiRequest>(request: R, map: TextMapper): R {
  return (isChat(request) ? mapChatTexts(request, map) : mapEmbeddingTexts(request as EmbeddingsRequest, map)) as R;
}

function summarise(findings: Iterable<Finding>): PiiDetection[] {
  const counts = new Map<string, { kind: EntityKind; action: PiiAction; count: number }>();
  for (const finding of findings) {
    const key = `${finding.kind}\u0000${finding.action}`;
    const entry = counts.get(key) ?? { kind: finding.kind, action: finding.action, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()]
    .map(({ kind, action, count }) => ({ type: kindName(kind), action, count }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

/**
 * Applies a route's PII policy to a chat or embeddings request.
 * @throws GatewayError (`invalid_request`, 400) naming the blocked kinds when a `block` kind is found.
 */
export function applyPiiPolicy<R extends PiiRequest>(request: R, config: PiiConfig): PiiOutcome<R> {
  const policy = compilePiiPolicy(config);
  const findingsByText = new Map<string, Finding[]>();
  mapTexts(request, (text) => {
    if (!findingsByText.has(text)) findingsByText.set(text, findPii(text, policy));
    return text;
  });
  const all = [...findingsByText.values()].flat();
  const blocked = blockedKinds(all);
  const detections = summarise(countPerOccurrence(request, findingsByText));
  recordPiiDetections(detections);
  if (blocked.size > 0) throw piiBlockedError(blocked, isChat(request) ? 'messages' : 'input');

  if (!all.some((finding) => finding.action === 'redact')) return { request, detections };

  const book = new PlaceholderBook(literalPlaceholders(findingsByText.keys()));
  const redacted = mapTexts(request, (text) => redactFindings(text, findingsByText.get(text) ?? [], book));
  const restorer = policy.restoreInResponse && book.values.size > 0 ? createPiiRestorer(book.values) : undefined;
  return restorer ? { request: redacted, restorer, detections } : { request: redacted, detections };
}

/** Findings once per occurrence of each text: a repeated text counts every time it is sent. */
function countPerOccurrence(request: PiiRequest, findingsByText: ReadonlyMap<string, Finding[]>): Finding[] {
  const occurrences: Finding[] = [];
  mapTexts(request, (text) => {
    occurrences.push(...(findingsByText.get(text) ?? []));
    return text;
  });
  return occurrences;
}
