import type { DialectModule, Endpoint } from '../endpoint.js';
import type { HttpAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { embedEndpoint } from './embeddings.js';
import { geminiEnvelope } from './errors.js';
import { generateEndpoint } from './generate.js';
import { modelsEndpoint } from './models.js';

const methodPath = /^\/(?:v1|v1beta|v1alpha)\/models\/([^/:]+):([A-Za-z]+)$/;
const modelPath = /^\/(?:v1|v1beta|v1alpha)\/models(?:\/([^/:]+))?$/;

function resolve(incoming: Incoming): Endpoint | undefined {
  const path = incoming.url.pathname;
  const call = path.match(methodPath);
  if (call !== null && incoming.method === 'POST') {
    const model = decodeURIComponent(call[1] ?? '');
    const method = call[2];
    if (method === 'generateContent' || method === 'streamGenerateContent' || method === 'countTokens') return generateEndpoint(incoming, model, method);
    if (method === 'embedContent' || method === 'batchEmbedContents') return embedEndpoint(incoming, model, method);
    return undefined;
  }
  const listing = path.match(modelPath);
  if (listing !== null && incoming.method === 'GET') return modelsEndpoint(incoming, listing[1] === undefined ? undefined : decodeURIComponent(listing[1]));
  return undefined;
}

function notFound(incoming: Incoming): HttpAnswer {
  return geminiEnvelope(404, `Method not found: ${incoming.method} ${incoming.url.pathname}`, false);
}

export const geminiDialect: DialectModule = { resolve, notFound };
