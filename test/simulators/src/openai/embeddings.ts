import { embedText, encodeBase64Floats } from '../embedding.js';
import type { Endpoint, ServeContext } from '../endpoint.js';
import { jsonAnswer, sendAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { numberAt, stringAt } from '../narrow.js';
import { respond } from '../respond.js';
import { estimateTokens } from '../tokens.js';
import { checkOpenAIAuth } from './auth.js';
import { openAIErrorAnswer } from './errors.js';
import type { Flavor } from './render.js';

// The official SDK asks for `encoding_format: "base64"` unless told otherwise and decodes
// little-endian float32; both encodings carry the same float32 values.

export function embeddingsEndpoint(flavor: Flavor, incoming: Incoming, deployment?: string): Endpoint {
  const model = deployment ?? stringAt(incoming.body, 'model');
  return {
    ...(model === undefined ? {} : { model }),
    flavor: flavor.name,
    stream: false,
    authenticate: (apiKey) => checkOpenAIAuth(flavor.name, incoming, apiKey),
    errorAnswer: (kind, status) => openAIErrorAnswer(flavor.name, kind, status),
    serve: (ctx) => serveEmbeddings(flavor, ctx, model),
  };
}

async function serveEmbeddings(flavor: Flavor, ctx: ServeContext, model: string | undefined): Promise<void> {
  const body = ctx.incoming.body;
  const inputs = embeddingInputs(body);
  const reject = (message: string, param: string | null) =>
    sendAnswer(ctx.res, openAIErrorAnswer(flavor.name, 'bad_request', 400, { message, param, code: null }), ctx.script?.headers);
  if (model === undefined) return reject('you must provide a model parameter', null);
  if (inputs === undefined) return reject("'input' is a required property", 'input');
  const dimensions = numberAt(body, 'dimensions') ?? (model.includes('3-large') ? 3072 : 1536);
  const base64 = stringAt(body, 'encoding_format') === 'base64';
  const data = inputs.map((text, index) => {
    const vector = embedText(text, dimensions);
    return { object: 'embedding', index, embedding: base64 ? encodeBase64Floats(vector) : vector };
  });
  const tokens = inputs.reduce((sum, text) => sum + estimateTokens(text), 0);
  const payload = { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
  return respond(ctx, jsonAnswer(200, `${JSON.stringify(payload, null, 2)}\n`));
}

/** `input` may be a string, strings, a token array or token arrays; token arrays embed by their JSON. */
function embeddingInputs(body: unknown): string[] | undefined {
  const input = (body as { input?: unknown } | undefined)?.input;
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}
