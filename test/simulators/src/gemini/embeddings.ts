import { embedText } from '../embedding.js';
import type { Endpoint, ServeContext } from '../endpoint.js';
import { sendAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { arrayAt, eitherAt, isRecord, numberAt } from '../narrow.js';
import { respond } from '../respond.js';
import { checkGeminiAuth } from './auth.js';
import { geminiError } from './errors.js';
import { embeddingText } from './request.js';
import { prettyJson } from './wire.js';

export type EmbedMethod = 'embedContent' | 'batchEmbedContents';

export function embedEndpoint(incoming: Incoming, model: string, method: EmbedMethod): Endpoint {
  return {
    model,
    stream: false,
    authenticate: (apiKey) => checkGeminiAuth(incoming, apiKey, false),
    errorAnswer: (kind, status) => geminiError(kind, false, status),
    serve: (ctx) => serveEmbed(ctx, model, method),
  };
}

function dimensionsFor(request: unknown, model: string): number {
  const asked = numberAt(request, 'outputDimensionality') ?? numberAt(request, 'output_dimensionality');
  return asked ?? (model.includes('gemini-embedding') ? 3072 : 768);
}

async function serveEmbed(ctx: ServeContext, model: string, method: EmbedMethod): Promise<void> {
  const body = ctx.incoming.body;
  const requests = method === 'batchEmbedContents' ? arrayAt(body, 'requests').filter(isRecord) : isRecord(body) ? [body] : [];
  const missing = requests.length === 0 || requests.some((request) => eitherAt(request, 'content') === undefined);
  if (missing) return sendAnswer(ctx.res, geminiError('bad_request', false, 400, '* BatchEmbedContentsRequest.requests: content is not specified\n'), ctx.script?.headers);
  const embeddings = requests.map((request) => ({ values: embedText(embeddingText(request['content']), dimensionsFor(request, model)) }));
  const payload = method === 'batchEmbedContents' ? { embeddings } : { embedding: embeddings[0] };
  return respond(ctx, { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: `${prettyJson(payload)}\n` });
}
