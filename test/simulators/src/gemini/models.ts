import type { Endpoint, ServeContext } from '../endpoint.js';
import { sendAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { respond } from '../respond.js';
import { checkGeminiAuth } from './auth.js';
import { geminiEnvelope, geminiError } from './errors.js';
import { prettyJson } from './wire.js';

function describe(id: string): Record<string, unknown> {
  const embedding = id.includes('embedding');
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id,
    inputTokenLimit: embedding ? 2048 : 1048576,
    outputTokenLimit: embedding ? 1 : 8192,
    supportedGenerationMethods: embedding ? ['embedContent', 'batchEmbedContents'] : ['generateContent', 'countTokens'],
  };
}

export function modelsEndpoint(incoming: Incoming, modelId?: string): Endpoint {
  return {
    ...(modelId === undefined ? {} : { model: modelId }),
    stream: false,
    authenticate: (apiKey) => checkGeminiAuth(incoming, apiKey, false),
    errorAnswer: (kind, status) => geminiError(kind, false, status),
    serve: (ctx) => serveModels(ctx, modelId),
  };
}

async function serveModels(ctx: ServeContext, modelId: string | undefined): Promise<void> {
  const models = ctx.state.models;
  const ok = (body: unknown) => respond(ctx, { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: `${prettyJson(body)}\n` });
  if (modelId === undefined) return ok({ models: models.map(describe) });
  if (models.includes(modelId)) return ok(describe(modelId));
  sendAnswer(ctx.res, geminiEnvelope(404, `models/${modelId} is not found for API version v1beta, or is not supported for generateContent.`, false), ctx.script?.headers);
}
