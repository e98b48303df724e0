import type { OpenAIFlavor } from '../dialect.js';
import type { HttpAnswer } from '../http-answer.js';
import { bearerToken, type Incoming } from '../incoming.js';
import { maskKey, openAIErrorAnswer } from './errors.js';

const missingKey =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.";

/** Bearer auth; Azure also takes its `api-key` header. No configured key means any caller is accepted. */
export function checkOpenAIAuth(flavor: OpenAIFlavor, incoming: Incoming, expected: string | undefined): HttpAnswer | undefined {
  if (expected === undefined) return undefined;
  const presented = flavor === 'azure' ? (incoming.headers['api-key'] ?? bearerToken(incoming)) : bearerToken(incoming);
  if (presented === expected) return undefined;
  if (flavor === 'azure' || flavor === 'mistral') return openAIErrorAnswer(flavor, 'auth');
  if (presented === undefined) return openAIErrorAnswer(flavor, 'auth', 401, { message: missingKey, code: null });
  const message = `Incorrect API key provided: ${maskKey(presented)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  return openAIErrorAnswer(flavor, 'auth', 401, { message });
}
