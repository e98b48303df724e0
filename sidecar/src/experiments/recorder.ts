// The experiments' finish listener: once a response is done, the request's variant gets its
// outcome (answered by the variant's target or not, latency, cost), then a score from the
// experiment's evaluator: at once for expected-answer and json-valid, later for a judge.

import type { FinishedExchange, FinishListener } from '../http/finish.js';
import { silentLogger, type Logger } from '../metrics/log.js';
import { recordJudgeCall, recordVariantRequest, recordVariantScore, type VariantLabels, type VariantOutcome } from '../metrics/experiments.js';
import type { ChatMessage } from '../openai/index.js';
import { costMicroUsd } from './cost.js';
import { scoreAnswer } from './evaluate.js';
import { askJudge } from './judge-call.js';
import { JudgeQueue, type JudgeQueueLimits } from './judge-queue.js';
import { sampleOf, type ExperimentSample } from './sample.js';
import { ExperimentStats } from './stats.js';

export interface ExperimentRecorderOptions {
  readonly log?: Logger;
  readonly judges?: JudgeQueueLimits;
}

export class ExperimentRecorder {
  readonly stats = new ExperimentStats();
  private readonly judges: JudgeQueue;
  private readonly log: Logger;
  private readonly closing = new AbortController();
  readonly listener: FinishListener = (finished) => this.record(finished);

  constructor(options: ExperimentRecorderOptions = {}) {
    this.log = options.log ?? silentLogger;
    this.judges = new JudgeQueue(options.judges);
  }

  /** Resolves once every queued judgement is done (tests, shutdown). */
  settled(): Promise<void> {
    return this.judges.idle();
  }

  /** Abandons judge calls in flight: a stopping sidecar records no more scores. */
  close(): void {
    this.closing.abort();
  }

  private record({ ex, status, seconds }: FinishedExchange): void {
    const sample = sampleOf(ex);
    if (sample === undefined) return;
    const labels: VariantLabels = { route: sample.route.name, experiment: sample.experiment.name, variant: sample.variant.name };
    const { served, usage, errorCode } = ex.report;
    const answered = status === 200 && errorCode === null && served?.target === sample.variant.target;
    const outcome: VariantOutcome = {
      answered, seconds, costMicroUsd: answered && usage !== null && served !== null ? costMicroUsd(usage, served.pricing) : null,
    };
    recordVariantRequest(labels, outcome);
    this.stats.record(labels, outcome);
    if (answered) this.evaluate(sample, labels, ex.requestId, ex.runtime?.resilience.state);
  }

  private evaluate(sample: ExperimentSample, labels: VariantLabels, requestId: string, health: HealthSource | undefined): void {
    const { evaluator } = sample.experiment;
    if (evaluator === null || sample.answer === null) return;
    if (evaluator.type === 'judge') {
      this.queueJudge(sample, labels, requestId, health);
      return;
    }
    const score = scoreAnswer(evaluator, sample.answer);
    if (score !== null) this.score(labels, score);
  }

  private queueJudge(sample: ExperimentSample, labels: VariantLabels, requestId: string, health: HealthSource | undefined): void {
    const judgeTarget = sample.experiment.evaluator?.judgeTarget;
    const target = judgeTarget === null || judgeTarget === undefined ? undefined : sample.route.targets.get(judgeTarget);
    const answer = sample.answer;
    if (target === undefined || answer === null || answer.truncated) return;
    const judge = { target, allowedEndpoints: sample.allowedEndpoints, question: lastUserText(sample.request.messages), answer: answer.text, requestId };
    const admits = (id: string): boolean => health?.health(id).admits() ?? true;
    const queued = this.judges.submit(async () => {
      const verdict = await askJudge(judge, admits, this.closing.signal);
      recordJudgeCall(labels.route, labels.experiment, 'score' in verdict ? 'scored' : 'failed');
      if ('score' in verdict) this.score(labels, verdict.score);
      else if (!this.closing.signal.aborted) this.log.warn('experiment judge gave no score', { ...labels, requestId, why: verdict.failed });
    });
    if (!queued) recordJudgeCall(labels.route, labels.experiment, 'dropped');
  }

  private score(labels: VariantLabels, score: number): void {
    recordVariantScore(labels, score);
    this.stats.score(labels, score);
  }
}

interface HealthSource {
  health(endpointId: string): { admits(): boolean };
}

function lastUserText(messages: readonly ChatMessage[]): string {
  const last = messages.findLast((message) => message.role === 'user');
  if (last === undefined || last.content === null || last.content === undefined) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}
