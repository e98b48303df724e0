import type { Endpoint, ServeContext } from '../endpoint.js';
import { jsonAnswer, sendAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { respond } from '../respond.js';
import { checkAnthropicAuth } from './auth.js';
import { anthropicError, envelope } from './errors.js';

function describe(id: string): Record<string, unknown> {
  return { type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' };
}

export function modelsEndpoint(incoming: Incoming, modelId?: string): Endpoint {
  return {
    ...(modelId === undefined ? {} : { model: modelId }),
    stream: false,
    authenticate: (apiKey) => checkAnthropicAuth(incoming, apiKey),
    errorAnswer: (kind, status) => anthropicError(kind, status),
    serve: (ctx) => serveModels(ctx, modelId),
  };
}

async function serveModels(ctx: ServeContext, modelId: string | undefined): Promise<void> {
  const models = ctx.state.models;
  if (modelId === undefined) {
    const body = { data: models.map(describe), has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null };
    return respond(ctx, jsonAnswer(200, JSON.stringify(body)));
  }
  if (models.includes(modelId)) return respond(ctx, jsonAnswer(200, JSON.stringify(describe(modelId))));
  sendAnswer(ctx.res, envelope(404, 'not_found_error', `model: ${modelId}`), ctx.script?.headers);
}
