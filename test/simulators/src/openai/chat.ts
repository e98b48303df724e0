import type { Endpoint, ServeContext } from '../endpoint.js';
import { jsonAnswer, sendAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { mintToken } from '../ids.js';
import { booleanAt, stringAt } from '../narrow.js';
import { planReply } from '../reply.js';
import { respond, respondStream } from '../respond.js';
import { checkOpenAIAuth } from './auth.js';
import { openAIErrorAnswer, openAIStreamErrorFrame } from './errors.js';
import type { ChatRender, Flavor } from './render.js';
import { parseChatRequest } from './request.js';

export function chatEndpoint(flavor: Flavor, incoming: Incoming, deployment?: string): Endpoint {
  const model = deployment ?? stringAt(incoming.body, 'model');
  return {
    ...(model === undefined ? {} : { model }),
    flavor: flavor.name,
    stream: booleanAt(incoming.body, 'stream') === true,
    authenticate: (apiKey) => checkOpenAIAuth(flavor.name, incoming, apiKey),
    errorAnswer: (kind, status) => openAIErrorAnswer(flavor.name, kind, status),
    serve: (ctx) => serveChat(flavor, ctx, deployment),
  };
}

async function serveChat(flavor: Flavor, ctx: ServeContext, deployment: string | undefined): Promise<void> {
  const parsed = parseChatRequest(ctx.incoming.body, deployment);
  if (!parsed.ok) return sendAnswer(ctx.res, openAIErrorAnswer(flavor.name, 'bad_request', 400, parsed.detail), ctx.script?.headers);
  const { exchange, stream, includeUsage } = parsed.request;
  const seq = ctx.state.ids.next();
  const render: ChatRender = {
    seq,
    id: flavor.completionId(seq),
    created: ctx.state.now(),
    model: exchange.model,
    plan: planReply(exchange, { speaker: flavor.name, reasoning: flavor.reasoning }),
    includeUsage,
    callId: flavor.callId(seq),
  };
  const headers = { 'x-request-id': `req_${mintToken('request', seq, 32, '0123456789abcdef')}` };
  if (!stream) return respond(ctx, jsonAnswer(200, flavor.serializeCompletion(flavor.completion(render)), headers));
  return respondStream(ctx, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers },
    frames: flavor.chunks(render).map((chunk) => `data: ${flavor.serializeChunk(chunk)}\n\n`),
    tail: 'data: [DONE]\n\n',
    errorFrame: openAIStreamErrorFrame(ctx.script?.errorKind ?? 'server'),
  });
}
