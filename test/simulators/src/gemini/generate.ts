import type { Endpoint, ServeContext } from '../endpoint.js';
import { sendAnswer, type HttpAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { planReply } from '../reply.js';
import { respond, respondStream } from '../respond.js';
import { checkGeminiAuth } from './auth.js';
import { geminiError, geminiStreamErrorFrame } from './errors.js';
import { parseGenerateRequest } from './request.js';
import { generateBody, generateChunks, responseIdFor, type GenerateRender } from './response.js';
import { arrayFrame, arrayTail, prettyJson, sseFrame } from './wire.js';

export type GenerateMethod = 'generateContent' | 'streamGenerateContent' | 'countTokens';

export function generateEndpoint(incoming: Incoming, model: string, method: GenerateMethod): Endpoint {
  const streaming = method === 'streamGenerateContent';
  const sse = incoming.url.searchParams.get('alt') === 'sse';
  return {
    model,
    stream: streaming,
    authenticate: (apiKey) => checkGeminiAuth(incoming, apiKey, streaming && sse),
    errorAnswer: (kind, status) => geminiError(kind, streaming && sse, status),
    serve: (ctx) => serveGenerate(ctx, model, method, sse),
  };
}

function okJson(body: unknown): HttpAnswer {
  return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: `${prettyJson(body)}\n` };
}

async function serveGenerate(ctx: ServeContext, model: string, method: GenerateMethod, sse: boolean): Promise<void> {
  const streaming = method === 'streamGenerateContent';
  const parsed = parseGenerateRequest(ctx.incoming.body, model);
  if (!parsed.ok) return sendAnswer(ctx.res, geminiError('bad_request', streaming && sse, 400, parsed.message), ctx.script?.headers);
  const plan = planReply(parsed.exchange, { speaker: 'gemini', reasoning: false });
  if (method === 'countTokens') {
    return respond(ctx, okJson({ totalTokens: plan.inputTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: plan.inputTokens }] }));
  }
  const render: GenerateRender = { model, plan, responseId: responseIdFor(ctx.state.ids.next()) };
  if (!streaming) return respond(ctx, okJson(generateBody(render)));
  const chunks = generateChunks(render);
  const errorKind = ctx.script?.errorKind ?? 'overloaded';
  const errorAt = Math.min(ctx.script?.streamErrorAfterChunks ?? 1, chunks.length);
  return respondStream(ctx, {
    status: 200,
    headers: { 'content-type': sse ? 'text/event-stream' : 'application/json; charset=UTF-8' },
    frames: chunks.map((chunk, index) => (sse ? sseFrame(chunk) : arrayFrame(chunk, index))),
    tail: sse ? '' : arrayTail,
    errorFrame: geminiStreamErrorFrame(errorKind, sse, errorAt),
  });
}
