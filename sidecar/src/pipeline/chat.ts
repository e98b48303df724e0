// POST /v1/chat/completions: intake → route → PII policy → target decision → candidates →
// budget (reserve the predicted cost, downgrade or refuse, dry run) → attempts, each one
// translate → upstream → relay (streamed or whole) → budget settles the actual cost.

import { admitChat } from '../budget/admit.js';
import type { Exchange } from '../http/exchange.js';
import { validateChatRequest, type ChatCompletionRequest } from '../openai/index.js';
import type { RouteRuntime } from '../config/runtime.js';
import { enterExperiment, experimentHeaders, noteAnswer, tapStream } from '../experiments/index.js';
import type { PiiRestorer } from '../pii/index.js';
import type { AttemptContext } from '../resilience/index.js';
import { decisionHeader } from '../routing/index.js';
import { runAttempts } from './attempt.js';
import { chatNeeds, planCandidates, type Candidate, type CandidatePlan } from './candidates.js';
import { readUpstreamJson, sendTranslated } from './completion.js';
import { decideChatTarget } from './decision.js';
import { failed, failureFromThrown, untimed, type TimedOutcome } from './failure.js';
import { readRequestJson, runtimeOf } from './intake.js';
import { protectChat } from './protect.js';
import { reportRoute, resolveRoute } from './route.js';
import { servedHeaders } from './served.js';
import { relayStream } from './stream.js';
import { callUpstream } from './upstream.js';
import { reportBodyRequestId } from '../tracing/provider-request-id.js';

/** What every attempt of one chat request shares. */
interface ChatPlan {
  readonly request: ChatCompletionRequest;
  readonly route: RouteRuntime;
  readonly restorer: PiiRestorer | undefined;
  readonly decision: string;
  /** x-switchyard-experiment, when the request is in an experiment. */
  readonly experiment: Readonly<Record<string, string>>;
}

export async function handleChat(ex: Exchange): Promise<void> {
  const runtime = runtimeOf(ex);
  const checked = validateChatRequest(await readRequestJson(ex));
  if (!checked.ok) throw checked.error;
  const route = resolveRoute(runtime, checked.value.model, ex.req.headers);
  reportRoute(ex, route, 'chat');
  const safe = protectChat(route, checked.value);
  const decision = decideChatTarget(runtime, route, safe.request, ex.req.headers, safe.detectedClass);
  const needs = chatNeeds(safe.request);
  const planFor = (target: string): CandidatePlan => planCandidates(route, target, needs, ex.req.headers, safe.detectedClass);
  const arm = enterExperiment(ex, route, decision.decidedBy, safe.request, planFor);
  const candidates = arm?.plan ?? planFor(decision.target);
  const plan: ChatPlan = {
    request: safe.request, route, restorer: safe.restorer, experiment: experimentHeaders(arm),
    decision: decisionHeader(decision.decidedBy) + (arm === undefined ? '' : `;experiment=${arm.label}`),
  };
  ex.report.decidedBy = plan.decision;
  const budget = await admitChat({ ex, runtime, route, request: safe.request, plan: candidates, replan: planFor });
  if (budget.answered) return;
  try {
    await runAttempts(ex, route, budget.plan, (candidate, context) => attemptChat(ex, plan, candidate, context));
  } finally {
    budget.settle();
  }
}

async function attemptChat(ex: Exchange, plan: ChatPlan, candidate: Candidate, context: AttemptContext): Promise<TimedOutcome> {
  const { request, route, restorer } = plan;
  const { adapter } = candidate.backend.endpoint;
  let upstreamRequest;
  try {
    upstreamRequest = adapter.toUpstreamRequest(request, candidate.backend.adapterTarget);
  } catch (error) {
    return untimed(failed(failureFromThrown(error, { totalTimedOut: false })));
  }
  const served = { ...servedHeaders(route, candidate), 'x-switchyard-decision': plan.decision, ...plan.experiment };
  const ctx = { requestId: ex.requestId, created: Math.floor(Date.now() / 1000), model: candidate.backend.upstreamModel };
  return callUpstream(ex, candidate.backend, upstreamRequest, context.remainingMs, async (upstream) => {
    if (request.stream === true) {
      const includeUsage = request.stream_options?.include_usage === true;
      return relayStream(ex, upstream, { adapter, ctx: { ...ctx, includeUsage }, served, restorer: tapStream(ex, restorer?.createChunkRestorer()) });
    }
    const answer = adapter.fromUpstreamResponse(await readUpstreamJson(upstream.body), ctx);
    reportBodyRequestId(ex, answer.id, ctx.requestId);
    ex.report.usage = answer.usage ?? null;
    noteAnswer(ex, answer);
    return sendTranslated(ex, restorer === undefined ? answer : restorer.restoreCompletion(answer), served);
  });
}
