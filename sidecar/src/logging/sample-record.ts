// The full record of a sampled request, for quality review: its log line plus the prompt and
// the response as the policy allows. Kept bodies still lose every value the PII detectors find
// (emails, cards, keys, …: typed placeholders), whatever the route's PII policy: a review file
// outlives the request and reaches more people than the provider did.

import type { LogFields } from '../metrics/log.js';
import { mapJsonStrings } from '../pii/json-texts.js';
import { placeholderLabel, scanText } from '../pii/index.js';
import { capturedText, type CapturedBytes } from './capture.js';
import type { FieldAction } from './field-policy.js';
import type { Hasher } from './keyed-hash.js';
import { applyAction, userOf } from './request-line.js';

/** Every detected value replaced by its type, e.g. `[EMAIL]`. */
export function scrubPii(text: string): string {
  const spans = scanText(text);
  if (spans.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += `${text.slice(cursor, span.start)}[${placeholderLabel(span.kind)}]`;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A body under its action: JSON bodies are scrubbed value by value so they stay JSON. */
function bodyField(action: FieldAction, capture: CapturedBytes | undefined, hash: Hasher): unknown {
  if (action === 'strip' || capture === undefined) return undefined;
  const text = capturedText(capture);
  if (action === 'hash') return hash(text);
  const trimmed = text.trimStart();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[');
  return json ? parsedOrText(mapJsonStrings(text, scrubPii)) : scrubPii(text);
}

/** The request body's own `user` field gets the user rule, as on the line. */
function withUserRule(prompt: unknown, user: string | undefined, action: FieldAction, hash: Hasher): unknown {
  if (typeof prompt !== 'object' || prompt === null || Array.isArray(prompt) || !('user' in prompt)) return prompt;
  const { user: _scrubbed, ...rest } = prompt as Record<string, unknown>;
  const value = user === undefined ? undefined : applyAction(action, user, hash);
  return value === undefined ? rest : { ...rest, user: value };
}

export interface SampleBodies {
  readonly request: CapturedBytes | undefined;
  readonly response: CapturedBytes | undefined;
}

export interface SampleActions {
  readonly prompt: FieldAction;
  readonly response: FieldAction;
  readonly user: FieldAction;
}

export function sampleRecord(line: LogFields, actions: SampleActions, bodies: SampleBodies, hash: Hasher): Record<string, unknown> {
  const prompt = bodyField(actions.prompt, bodies.request, hash);
  const user = bodies.request === undefined ? undefined : userOf(capturedText(bodies.request));
  return {
    time: new Date().toISOString(),
    kind: 'request-sample',
    ...line,
    prompt: actions.prompt === 'keep' ? withUserRule(prompt, user, actions.user, hash) : prompt,
    promptTruncated: actions.prompt === 'keep' ? bodies.request?.truncated ?? false : undefined,
    response: bodyField(actions.response, bodies.response, hash),
    responseTruncated: actions.response === 'keep' ? bodies.response?.truncated ?? false : undefined,
  };
}
