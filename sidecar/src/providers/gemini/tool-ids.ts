// Gemini function calls mostly carry no id, so the gateway mints OpenAI tool-call ids. Gemini 3
// also attaches a `thoughtSignature` to a functionCall part that must come back with that part
// on the next turn, but OpenAI clients only ever echo the tool-call id. The signature therefore
// rides inside the id, and the request translator unpacks it; no state is kept between
// requests. The signature is opaque, so its text (not decoded bytes) is base64url-encoded:
// lossless for any string, and within [A-Za-z0-9_-], which Anthropic also requires of ids.

const SIGNATURE_MARKER = '__thought__';

/** Deterministic, so translating the same reply twice gives the same ids. */
export function mintToolCallId(responseId: string, ordinal: number, nativeId: string | undefined, signature: string | undefined): string {
  const base = nativeId !== undefined && nativeId !== '' ? `call_${nativeId}` : `call_${responseId}_${ordinal}`;
  if (signature === undefined || signature === '') return base;
  return `${base}${SIGNATURE_MARKER}${Buffer.from(signature, 'utf8').toString('base64url')}`;
}

/** The thoughtSignature packed into an id by mintToolCallId, exactly as Gemini sent it. */
export function thoughtSignatureOf(toolCallId: string): string | undefined {
  const at = toolCallId.indexOf(SIGNATURE_MARKER);
  if (at === -1) return undefined;
  return Buffer.from(toolCallId.slice(at + SIGNATURE_MARKER.length), 'base64url').toString('utf8');
}
