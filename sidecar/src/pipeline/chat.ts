// POST /v1/chat/completions: intake → route → candidates → attempts, each one translate →
// upstream → relay (streamed or whole).

import type { Exchange } from '../http/exchange.js';
import { validateChatRequest, type ChatCompletionRequest } from '../openai/index.js';
import type { RouteRuntime } from '../config/runtime.js';
import type { AttemptContext } from '../resilience/index.js';
import { runAttempts } from './attempt.js';
import { chatNeeds, planCandidates, type Candidate } from './candidates.js';
import { readUpstreamJson, sendTranslated } from './completion.js';
import { failed, failureFromThrown, untimed, type TimedOutcome } from './failure.js';
import { readRequestJson, runtimeOf } from './intake.js';
import { chooseTarget, resolveRoute, signalsOf } from './route.js';
import { servedHeaders } from './served.js';
import { relayStream } from './stream.js';
import { callUpstream } from './upstream.js';

export async function handleChat(ex: Exchange): Promise<void> {
  const runtime = runtimeOf(ex);
  const checked = validateChatRequest(await readRequestJson(ex));
  if (!checked.ok) throw checked.error;
  const request = checked.value;
  const route = resolveRoute(runtime, request.model, ex.req.headers);
  ex.report.route = route.name;
  const chosen = chooseTarget(route, request, signalsOf(route, ex.req.headers));
  const plan = planCandidates(route, chosen, chatNeeds(request), ex.req.headers);
  await runAttempts(ex, route, plan, (candidate, context) => attemptChat(ex, request, route, candidate, context));
}

async function attemptChat(
  ex: Exchange, request: ChatCompletionRequest, route: RouteRuntime, candidate: Candidate, context: AttemptContext,
): Promise<TimedOutcome> {
  const { adapter } = candidate.backend.endpoint;
  let upstreamRequest;
  try {
    upstreamRequest = adapter.toUpstreamRequest(request, candidate.backend.adapterTarget);
  } catch (error) {
    return untimed(failed(failureFromThrown(error, { totalTimedOut: false })));
  }
  const served = servedHeaders(route, candidate);
  const ctx = { requestId: ex.requestId, created: Math.floor(Date.now() / 1000), model: candidate.backend.upstreamModel };
  return callUpstream(ex, candidate.backend, upstreamRequest, context.remainingMs, async (upstream) => {
    if (request.stream === true) {
      const includeUsage = request.stream_options?.include_usage === true;
      return relayStream(ex, upstream, { adapter, ctx: { ...ctx, includeUsage }, served });
    }
    return sendTranslated(ex, adapter.fromUpstreamResponse(await readUpstreamJson(upstream.body), ctx), served);
  });
}
