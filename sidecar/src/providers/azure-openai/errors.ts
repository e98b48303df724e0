// Azure uses the OpenAI envelope, with two habits of its own: `code` is often the HTTP status
// as a string ("429", "401") or a name ("DeploymentNotFound", "content_filter"), and rate-limit
// messages say "Please retry after N seconds" even when no Retry-After header survives a proxy.

import {
  classifyUpstreamError,
  type ClassifyOptions,
  type HeaderLookup,
  type UpstreamErrorClass,
  type UpstreamErrorFacts,
} from '../../errors/index.js';
import { readOpenAIErrorFacts } from '../openai/index.js';

const RETRY_AFTER_IN_MESSAGE = /retry after (\d+) seconds?/i;

export function readAzureErrorFacts(bodyText: string): UpstreamErrorFacts {
  const facts = readOpenAIErrorFacts(bodyText);
  const seconds = RETRY_AFTER_IN_MESSAGE.exec(facts.message ?? '')?.[1];
  return seconds === undefined ? facts : { ...facts, retryAfterMs: Number(seconds) * 1000 };
}

export function classifyAzureError(
  status: number,
  headers: HeaderLookup | undefined,
  bodyText: string,
  options?: ClassifyOptions,
): UpstreamErrorClass {
  return classifyUpstreamError(status, headers, readAzureErrorFacts(bodyText), options);
}
