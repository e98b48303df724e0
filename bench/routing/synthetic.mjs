// Requests for the rule-based routes, built from held-out dev items: each case says which
// decision the route must take. Images and long context are not in the dev set, so they are
// made here; overrides are headers.

const IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
/** Filler with the token density of English prose (≈ 1 estimated token per 5.3 characters). */
const FILLER = 'The quarterly report covers revenue, churn, hiring and the roadmap for the next two releases. ';

function withImage(messages) {
  const last = messages.length - 1;
  return messages.map((message, index) => (index !== last ? message : {
    role: 'user',
    content: [{ type: 'text', text: typeof message.content === 'string' ? message.content : '' }, { type: 'image_url', image_url: { url: IMAGE } }],
  }));
}

function withDocument(messages, characters) {
  const document = FILLER.repeat(Math.ceil(characters / FILLER.length)).slice(0, characters);
  return [{ role: 'system', content: `Answer using this document:\n${document}` }, ...messages.filter((m) => m.role !== 'system')];
}

/**
 * @param items held-out dev items
 * @param charsPerToken characters of FILLER per estimated token, measured by the caller
 * @returns cases { name, request, headers, expect: { kind, name?, target? } }
 */
export function syntheticCases(items, threshold, charsPerToken) {
  const cases = [];
  for (const item of items) {
    const base = { model: 'assistant', messages: item.messages };
    cases.push({ group: 'images', request: { ...base, messages: withImage(item.messages) }, headers: {}, expect: { kind: 'rule', name: 'images', target: 'flash' } });
    cases.push({ group: 'long context (1.2 × threshold)', request: { ...base, messages: withDocument(item.messages, Math.ceil(threshold * 1.2 * charsPerToken)) }, headers: {}, expect: { kind: 'rule', name: 'long-context', target: 'gemini-pro' } });
    cases.push({ group: 'not long context (0.8 × threshold)', request: { ...base, messages: withDocument(item.messages, Math.floor(threshold * 0.8 * charsPerToken)) }, headers: {}, expect: { notRule: 'long-context' } });
    cases.push({ group: 'override to opus', request: base, headers: { 'x-switchyard-target': 'opus' }, expect: { kind: 'override', target: 'opus' } });
    cases.push({ group: 'override naming no target is ignored', request: base, headers: { 'x-switchyard-target': 'gpt-5' }, expect: { notKind: 'override' } });
    cases.push({ group: 'override on a route that forbids it is ignored', request: base, headers: { 'x-switchyard-target': 'opus' }, forbidOverride: true, expect: { notKind: 'override' } });
  }
  return cases;
}

export function caseHolds(decision, expect) {
  if (expect.kind !== undefined && decision.decidedBy.kind !== expect.kind) return false;
  if (expect.name !== undefined && decision.decidedBy.name !== expect.name) return false;
  if (expect.target !== undefined && decision.target !== expect.target) return false;
  if (expect.notRule !== undefined && decision.decidedBy.kind === 'rule' && decision.decidedBy.name === expect.notRule) return false;
  if (expect.notKind !== undefined && decision.decidedBy.kind === expect.notKind) return false;
  return true;
}
