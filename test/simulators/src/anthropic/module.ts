import type { DialectModule, Endpoint } from '../endpoint.js';
import type { HttpAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { envelope } from './errors.js';
import { countTokensEndpoint, messagesEndpoint } from './messages.js';
import { modelsEndpoint } from './models.js';

function resolve(incoming: Incoming): Endpoint | undefined {
  const { method } = incoming;
  const path = incoming.url.pathname;
  if (method === 'POST' && path === '/v1/messages') return messagesEndpoint(incoming);
  if (method === 'POST' && path === '/v1/messages/count_tokens') return countTokensEndpoint(incoming);
  if (method === 'GET' && path === '/v1/models') return modelsEndpoint(incoming);
  const modelId = path.match(/^\/v1\/models\/([^/]+)$/)?.[1];
  if (method === 'GET' && modelId !== undefined) return modelsEndpoint(incoming, decodeURIComponent(modelId));
  return undefined;
}

function notFound(): HttpAnswer {
  return envelope(404, 'not_found_error', 'Not found');
}

export const anthropicDialect: DialectModule = { resolve, notFound };
