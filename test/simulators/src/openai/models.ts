import type { Endpoint, ServeContext } from '../endpoint.js';
import { jsonAnswer, sendAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { respond } from '../respond.js';
import { checkOpenAIAuth } from './auth.js';
import { openAIErrorAnswer } from './errors.js';
import type { Flavor } from './render.js';

const listedSince = 1715367049;

export function modelsEndpoint(flavor: Flavor, incoming: Incoming, modelId?: string): Endpoint {
  return {
    ...(modelId === undefined ? {} : { model: modelId }),
    flavor: flavor.name,
    stream: false,
    authenticate: (apiKey) => checkOpenAIAuth(flavor.name, incoming, apiKey),
    errorAnswer: (kind, status) => openAIErrorAnswer(flavor.name, kind, status),
    serve: (ctx) => serveModels(flavor, ctx, modelId),
  };
}

function describe(id: string): Record<string, unknown> {
  return { id, object: 'model', created: listedSince, owned_by: 'system' };
}

async function serveModels(flavor: Flavor, ctx: ServeContext, modelId: string | undefined): Promise<void> {
  if (modelId === undefined) {
    const body = { object: 'list', data: ctx.state.models.map(describe) };
    return respond(ctx, jsonAnswer(200, `${JSON.stringify(body, null, 2)}\n`));
  }
  if (ctx.state.models.includes(modelId)) return respond(ctx, jsonAnswer(200, `${JSON.stringify(describe(modelId), null, 2)}\n`));
  const detail = { message: `The model '${modelId}' does not exist`, type: 'invalid_request_error', param: 'model', code: 'model_not_found' };
  sendAnswer(ctx.res, openAIErrorAnswer(flavor.name, 'bad_request', 404, detail), ctx.script?.headers);
}
