// Which experiment a chat request joins, and as which variant. The routing decision comes first:
// an experiment with an intent takes the requests the classifier confidently gave that intent;
// one without takes what the route's intents, use cases or default decided. Requests an override
// header or a rule decided stay out: those are explicit choices an experiment must not undo.

import type { IncomingHttpHeaders } from 'node:http';
import type { ExperimentConfig } from '@switchyard/contract';
import type { ChatCompletionRequest } from '../openai/index.js';
import type { DecidedBy } from '../routing/index.js';
import { stickyPoint, variantAt, type Variant } from './bucket.js';

export interface Assignment {
  readonly experiment: ExperimentConfig;
  readonly variant: Variant;
}

/** Uniform in [0, 1). */
export type Draw = () => number;

export function experimentFor(experiments: readonly ExperimentConfig[], decidedBy: DecidedBy): ExperimentConfig | undefined {
  if (experiments.length === 0 || decidedBy.kind === 'override' || decidedBy.kind === 'rule') return undefined;
  const forIntent = decidedBy.kind === 'intent' ? experiments.find((experiment) => experiment.intent === decidedBy.name) : undefined;
  return forIntent ?? experiments.find((experiment) => experiment.intent === null);
}

/** The key that keeps a caller on one variant; undefined when the request carries none. */
export function stickyKeyOf(experiment: ExperimentConfig, request: ChatCompletionRequest, headers: IncomingHttpHeaders): string | undefined {
  switch (experiment.sticky) {
    case 'user':
      return typeof request.user === 'string' && request.user !== '' ? request.user : undefined;
    case 'header': {
      const value = experiment.stickyHeader === null ? undefined : headers[experiment.stickyHeader];
      return typeof value === 'string' && value !== '' ? value : undefined;
    }
    case 'none':
      return undefined;
  }
}

/**
 * @example assignVariant(routeExperiments, decision.decidedBy, request, req.headers, Math.random)
 *   // { experiment: { name: 'triage-haiku', … }, variant: { name: 'candidate', target: 'haiku', weight: 10 } }
 */
export function assignVariant(
  experiments: readonly ExperimentConfig[], decidedBy: DecidedBy, request: ChatCompletionRequest, headers: IncomingHttpHeaders, draw: Draw,
): Assignment | undefined {
  const experiment = experimentFor(experiments, decidedBy);
  if (experiment === undefined) return undefined;
  const key = stickyKeyOf(experiment, request, headers);
  // A sticky experiment whose request lacks the key still splits it, by chance.
  const variant = variantAt(experiment.variants, key === undefined ? draw() : stickyPoint(experiment.name, key));
  return variant === undefined ? undefined : { experiment, variant };
}
