import type { EntityKind, PiiAction, Span } from './entities.js';
import type { PlaceholderBook } from './placeholders.js';
import type { PiiPolicy } from './policy.js';
import { scanText } from './scanner.js';

export interface Finding extends Span {
  readonly action: PiiAction;
}

/** Spans of the kinds the policy names, each with its action; kinds it does not name are ignored. */
export function findPii(text: string, policy: PiiPolicy): Finding[] {
  const findings: Finding[] = [];
  for (const span of scanText(text, policy.custom)) {
    const action = policy.actions.get(span.kind);
    if (action !== undefined) findings.push({ ...span, action });
  }
  return findings;
}

/** The text with every `redact` finding replaced by its placeholder; other findings stay. */
export function redactFindings(text: string, findings: readonly Finding[], book: PlaceholderBook): string {
  let redacted = '';
  let cursor = 0;
  for (const finding of findings) {
    if (finding.action !== 'redact') continue;
    redacted += text.slice(cursor, finding.start) + book.placeholderFor(finding.kind, text.slice(finding.start, finding.end));
    cursor = finding.end;
  }
  return cursor === 0 ? text : redacted + text.slice(cursor);
}

export function blockedKinds(findings: Iterable<Finding>): Set<EntityKind> {
  const kinds = new Set<EntityKind>();
  for (const finding of findings) if (finding.action === 'block') kinds.add(finding.kind);
  return kinds;
}
