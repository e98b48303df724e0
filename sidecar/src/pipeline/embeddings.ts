// POST /v1/embeddings: the same stages as chat, with targets that can embed and the adapter's
// embeddings translators; budgets reserve and settle as for chat, without downgrades.

import { admitEmbeddings } from '../budget/admit-embeddings.js';
import type { RouteRuntime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { Exchange } from '../http/exchange.js';
import { validateEmbeddingsRequest, type EmbeddingsRequest } from '../openai/index.js';
import type { AttemptContext } from '../resilience/index.js';
import { runAttempts } from './attempt.js';
import { EMBEDDINGS_NEEDS, planCandidates, type Candidate } from './candidates.js';
import { readUpstreamJson, sendTranslated } from './completion.js';
import { failed, failureFromThrown, untimed, type TimedOutcome } from './failure.js';
import { readRequestJson, runtimeOf } from './intake.js';
import { protectEmbeddings } from './protect.js';
import { chooseUseCaseTarget, reportRoute, resolveRoute, useCaseSignalsOf } from './route.js';
import { servedHeaders } from './served.js';
import { callUpstream } from './upstream.js';

export async function handleEmbeddings(ex: Exchange): Promise<void> {
  const runtime = runtimeOf(ex);
  const checked = validateEmbeddingsRequest(await readRequestJson(ex));
  if (!checked.ok) throw checked.error;
  const request = checked.value;
  const route = resolveRoute(runtime, request.model, ex.req.headers);
  reportRoute(ex, route, 'embeddings');
  const safe = protectEmbeddings(route, request);
  const chosen = chooseUseCaseTarget(route, safe.request, useCaseSignalsOf(route, ex.req.headers));
  const plan = planCandidates(route, chosen, EMBEDDINGS_NEEDS, ex.req.headers, safe.detectedClass);
  const budget = await admitEmbeddings({ ex, runtime, route, request: safe.request, plan });
  try {
    await runAttempts(ex, route, budget.plan, (candidate, context) => attemptEmbeddings(ex, safe.request, route, candidate, context));
  } finally {
    budget.settle();
  }
}

async function attemptEmbeddings(
  ex: Exchange, request: EmbeddingsRequest, route: RouteRuntime, candidate: Candidate, context: AttemptContext,
): Promise<TimedOutcome> {
  const embeddings = candidate.backend.endpoint.adapter.embeddings;
  let upstreamRequest;
  try {
    if (embeddings === undefined) throw new GatewayError('unsupported', 'This provider has no embeddings endpoint.');
    upstreamRequest = embeddings.toUpstreamRequest(request, candidate.backend.adapterTarget);
  } catch (error) {
    return untimed(failed(failureFromThrown(error, { totalTimedOut: false })));
  }
  const ctx = { requestId: ex.requestId, created: Math.floor(Date.now() / 1000), model: candidate.backend.upstreamModel };
  return callUpstream(ex, candidate.backend, upstreamRequest, context.remainingMs, async (upstream) => {
    const answer = embeddings.fromUpstreamResponse(await readUpstreamJson(upstream.body), request, ctx);
    ex.report.usage = { prompt_tokens: answer.usage.prompt_tokens, completion_tokens: 0, total_tokens: answer.usage.total_tokens };
    return sendTranslated(ex, answer, servedHeaders(route, candidate));
  });
}
