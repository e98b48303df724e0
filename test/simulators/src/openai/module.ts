import { isOpenAIFlavor, type OpenAIFlavor } from '../dialect.js';
import type { DialectModule, Endpoint } from '../endpoint.js';
import { jsonAnswer, type HttpAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import type { SimulatorState } from '../state.js';
import { chatEndpoint } from './chat.js';
import { embeddingsEndpoint } from './embeddings.js';
import { flavorNamed } from './flavors/index.js';
import { modelsEndpoint } from './models.js';

// Path prefixes as the real hosts serve them: api.openai.com `/v1`, DeepSeek also without `/v1`,
// DashScope `/compatible-mode/v1`, Groq `/openai/v1`, Azure `/openai/deployments/{name}/…`.
const prefixes: { prefix: string; flavor?: OpenAIFlavor }[] = [
  { prefix: '/compatible-mode/v1', flavor: 'qwen' },
  { prefix: '/openai/v1', flavor: 'groq' },
  { prefix: '/v1' },
  { prefix: '' },
];

const azurePath = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/;

/** Flavor for this request: `x-sim-flavor` header, then `?flavor=`, then the path, then the server default. */
function flavorFor(incoming: Incoming, implied: OpenAIFlavor | undefined, state: SimulatorState): OpenAIFlavor {
  for (const candidate of [incoming.headers['x-sim-flavor'], incoming.url.searchParams.get('flavor') ?? undefined]) {
    if (candidate !== undefined && isOpenAIFlavor(candidate)) return candidate;
  }
  return implied ?? state.defaultFlavor;
}

function resolveAzure(incoming: Incoming, state: SimulatorState): Endpoint | undefined {
  const match = incoming.url.pathname.match(azurePath);
  const deployment = match?.[1];
  if (deployment === undefined || incoming.method !== 'POST' || !incoming.url.searchParams.has('api-version')) return undefined;
  const flavor = flavorNamed(flavorFor(incoming, 'azure', state));
  const name = decodeURIComponent(deployment);
  return match?.[2] === 'embeddings' ? embeddingsEndpoint(flavor, incoming, name) : chatEndpoint(flavor, incoming, name);
}

function resolve(incoming: Incoming, state: SimulatorState): Endpoint | undefined {
  if (incoming.url.pathname.startsWith('/openai/deployments/')) return resolveAzure(incoming, state);
  const entry = prefixes.find(({ prefix }) => incoming.url.pathname.startsWith(`${prefix}/`));
  if (entry === undefined) return undefined;
  const rest = incoming.url.pathname.slice(entry.prefix.length);
  const flavor = flavorNamed(flavorFor(incoming, entry.flavor, state));
  if (incoming.method === 'POST' && rest === '/chat/completions') return chatEndpoint(flavor, incoming);
  if (incoming.method === 'POST' && rest === '/embeddings') return embeddingsEndpoint(flavor, incoming);
  if (incoming.method === 'GET' && rest === '/models') return modelsEndpoint(flavor, incoming);
  const modelId = rest.match(/^\/models\/(.+)$/)?.[1];
  if (incoming.method === 'GET' && modelId !== undefined) return modelsEndpoint(flavor, incoming, decodeURIComponent(modelId));
  return undefined;
}

function notFound(incoming: Incoming): HttpAnswer {
  if (incoming.url.pathname.startsWith('/openai/')) return jsonAnswer(404, JSON.stringify({ error: { code: '404', message: 'Resource not found' } }));
  const error = { message: `Invalid URL (${incoming.method} ${incoming.url.pathname})`, type: 'invalid_request_error', param: null, code: null };
  return jsonAnswer(404, JSON.stringify({ error }, null, 2));
}

export const openAIDialect: DialectModule = { resolve, notFound };
