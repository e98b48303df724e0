// What the finish listener needs to know about a request in an experiment, kept beside the
// exchange (keyed by it, so it goes when the exchange goes) rather than in the report: the
// prompt and the answer text are for the evaluator only and never reach logs or metrics.

import type { ExperimentConfig } from '@switchyard/contract';
import type { RouteRuntime } from '../config/runtime.js';
import type { Exchange } from '../http/exchange.js';
import type { ChatCompletionRequest } from '../openai/index.js';
import type { AnswerText } from './answer-text.js';
import type { Variant } from './bucket.js';

export interface ExperimentSample {
  readonly route: RouteRuntime;
  readonly experiment: ExperimentConfig;
  readonly variant: Variant;
  /** The request as it went upstream (PII already redacted), for a judge. */
  readonly request: ChatCompletionRequest;
  /** Endpoint ids the request's data class may reach; a judge sees the prompt, so it keeps to them. */
  readonly allowedEndpoints: ReadonlySet<string> | null;
  /** Collected only when the experiment has an evaluator. */
  readonly answer: AnswerText | null;
}

const samples = new WeakMap<Exchange, ExperimentSample>();

export function keepSample(ex: Exchange, sample: ExperimentSample): void {
  samples.set(ex, sample);
}

export function sampleOf(ex: Exchange): ExperimentSample | undefined {
  return samples.get(ex);
}
