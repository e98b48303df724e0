// A judge: the route's judge target grades an answer, reached the way the gateway reaches any
// target (its pools, adapters and credentials), kept to the endpoints the request's data class
// may reach and to endpoints passive health lets in. Like a canary probe it bypasses the retry
// layer and never counts toward health; a failure of any kind yields no score.

import type { BackendRuntime, TargetRuntime } from '../config/runtime.js';
import type { ChatCompletionRequest } from '../openai/index.js';
import { tryParseJson } from '../openai/index.js';
import { upstreamHeaders } from '../upstream/headers.js';
import { judgeScoreOf } from './evaluate.js';

/** Enough for "0.85" from a model that thinks first, and a bound on what a judge may cost. */
const JUDGE_MAX_TOKENS = 256;
/** Per side: a judge reads the start of long prompts and answers only. */
const MAX_JUDGED_CHARS = 8_000;
/** A judge holds one of few slots; one that hangs must not hold it for an endpoint's full total timeout. */
const JUDGE_TIMEOUT_MS = 60_000;

const INSTRUCTIONS = 'You grade answers of an AI assistant. Read the question and the answer, then reply with one number from 0 to 1: '
  + '1 when the answer is correct, complete and helpful, 0 when it is wrong or useless, values between for partly good answers. '
  + 'Reply with the number only.';

export interface JudgeCase {
  readonly target: TargetRuntime;
  /** Endpoint ids the judged request's data class may reach; null when unrestricted. */
  readonly allowedEndpoints: ReadonlySet<string> | null;
  readonly question: string;
  readonly answer: string;
  /** Sent upstream as x-request-id, so a judge call can be matched to the request it grades. */
  readonly requestId: string;
}

/** Why a judge gave no score, for the log; a score when it gave one. */
export type JudgeVerdict = { readonly score: number } | { readonly failed: string };

export async function askJudge(judge: JudgeCase, admits: (endpointId: string) => boolean, signal: AbortSignal): Promise<JudgeVerdict> {
  const backends = judge.target.backends.filter((backend) => !backend.endpoint.credentialMissing
    && (judge.allowedEndpoints === null || judge.allowedEndpoints.has(backend.endpoint.id)) && admits(backend.endpoint.id));
  if (backends.length === 0) return { failed: `no endpoint of judge target '${judge.target.name}' may see this request now` };
  let failed = '';
  for (const backend of backends) {
    try {
      const reply = await send(backend, judgeRequest(judge), judge.requestId, signal);
      const score = judgeScoreOf(reply);
      return score === null ? { failed: 'the judge replied without a score from 0 to 1' } : { score };
    } catch (error) {
      failed = error instanceof Error ? error.message : String(error);
      if (signal.aborted) break;
    }
  }
  return { failed };
}

function judgeRequest(judge: JudgeCase): ChatCompletionRequest {
  const question = judge.question.slice(0, MAX_JUDGED_CHARS);
  const answer = judge.answer.slice(0, MAX_JUDGED_CHARS);
  return {
    model: judge.target.model,
    messages: [{ role: 'system', content: INSTRUCTIONS }, { role: 'user', content: `Question:\n${question}\n\nAnswer:\n${answer}` }],
    max_tokens: JUDGE_MAX_TOKENS,
    temperature: 0,
  };
}

async function send(backend: BackendRuntime, request: ChatCompletionRequest, requestId: string, signal: AbortSignal): Promise<string> {
  const { adapter, dispatcher, origin } = backend.endpoint;
  const upstream = adapter.toUpstreamRequest(request, backend.adapterTarget);
  const response = await dispatcher.request({
    path: upstream.url.slice(origin.length) || '/',
    method: upstream.method,
    headers: upstreamHeaders(upstream.headers, `judge-${requestId}`),
    body: upstream.body,
    signal: AbortSignal.any([signal, AbortSignal.timeout(Math.min(JUDGE_TIMEOUT_MS, backend.timeouts.totalMs))]),
  });
  const text = await response.body.text();
  if (response.statusCode < 200 || response.statusCode > 299) throw new Error(`judge endpoint ${backend.endpoint.id} answered ${response.statusCode}`);
  const body = tryParseJson(text);
  if (body === undefined) throw new Error(`judge endpoint ${backend.endpoint.id} answered with a body that is not JSON`);
  const answer = adapter.fromUpstreamResponse(body, { requestId, created: 0, model: request.model });
  return answer.choices[0]?.message.content ?? '';
}
