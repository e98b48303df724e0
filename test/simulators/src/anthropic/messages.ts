import type { Endpoint, ServeContext } from '../endpoint.js';
import { jsonAnswer, sendAnswer } from '../http-answer.js';
import type { Incoming } from '../incoming.js';
import { booleanAt, stringAt } from '../narrow.js';
import { planReply } from '../reply.js';
import { respond, respondStream } from '../respond.js';
import { composeAnswer, messageJson } from './answer.js';
import { checkAnthropicAuth } from './auth.js';
import { accountCache } from './cache.js';
import { anthropicError, anthropicStreamErrorFrame, requestId } from './errors.js';
import { parseMessagesRequest } from './request.js';
import { messageFrames } from './stream.js';

export function messagesEndpoint(incoming: Incoming): Endpoint {
  const model = stringAt(incoming.body, 'model');
  return {
    ...(model === undefined ? {} : { model }),
    stream: booleanAt(incoming.body, 'stream') === true,
    authenticate: (apiKey) => checkAnthropicAuth(incoming, apiKey),
    errorAnswer: (kind, status) => anthropicError(kind, status),
    serve: serveMessages,
  };
}

async function serveMessages(ctx: ServeContext): Promise<void> {
  const parsed = parseMessagesRequest(ctx.incoming.body);
  if (!parsed.ok) return sendAnswer(ctx.res, anthropicError('bad_request', 400, parsed.message), ctx.script?.headers);
  const { exchange, segments, stream } = parsed.request;
  const plan = planReply(exchange, { speaker: 'anthropic', reasoning: false });
  const cache = accountCache(ctx.state, exchange.model, segments, plan.inputTokens);
  const answer = composeAnswer(exchange, plan, cache, ctx.state.ids.next());
  const headers = { 'request-id': requestId(), 'anthropic-organization-id': '00000000-0000-4000-a000-000000000000' };
  if (!stream) return respond(ctx, jsonAnswer(200, JSON.stringify(messageJson(answer)), headers));
  return respondStream(ctx, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers },
    frames: messageFrames(answer),
    tail: '',
    errorFrame: anthropicStreamErrorFrame(ctx.script?.errorKind ?? 'overloaded'),
  });
}

export function countTokensEndpoint(incoming: Incoming): Endpoint {
  const model = stringAt(incoming.body, 'model');
  return {
    ...(model === undefined ? {} : { model }),
    stream: false,
    authenticate: (apiKey) => checkAnthropicAuth(incoming, apiKey),
    errorAnswer: (kind, status) => anthropicError(kind, status),
    serve: async (ctx) => {
      const parsed = parseMessagesRequest(ctx.incoming.body, false);
      if (!parsed.ok) return sendAnswer(ctx.res, anthropicError('bad_request', 400, parsed.message), ctx.script?.headers);
      const plan = planReply(parsed.request.exchange, { speaker: 'anthropic', reasoning: false });
      return respond(ctx, jsonAnswer(200, JSON.stringify({ input_tokens: plan.inputTokens })));
    },
  };
}
