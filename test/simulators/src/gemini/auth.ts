import type { HttpAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { geminiEnvelope, invalidKeyDetails } from './errors.js';

const unregistered =
  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";

/** `x-goog-api-key` or `?key=`; a wrong key is a 400 API_KEY_INVALID, a missing one a 403. */
export function checkGeminiAuth(incoming: Incoming, expected: string | undefined, streaming: boolean): HttpAnswer | undefined {
  if (expected === undefined) return undefined;
  const presented = incoming.headers['x-goog-api-key'] ?? incoming.url.searchParams.get('key') ?? undefined;
  if (presented === expected) return undefined;
  if (presented === undefined) return geminiEnvelope(403, unregistered, streaming);
  return geminiEnvelope(400, 'API key not valid. Please pass a valid API key.', streaming, invalidKeyDetails);
}
