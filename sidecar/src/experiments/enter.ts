// The pipeline's one call into experiments, right after the routing decision: pick the variant,
// plan its candidates (the variant's target first, then the route's failover chain), and keep
// what the finish listener needs. A variant that cannot serve this request (capabilities, data
// policy) leaves it out of the experiment: it is served as decided and counted as excluded.

import type { RouteRuntime } from '../config/runtime.js';
import type { Exchange } from '../http/exchange.js';
import { recordExperimentExcluded } from '../metrics/experiments.js';
import type { ChatCompletionRequest } from '../openai/index.js';
import type { DecidedBy } from '../routing/index.js';
import { AnswerText } from './answer-text.js';
import { assignVariant } from './assign.js';
import { keepSample } from './sample.js';

/** What a candidate plan must tell experiments. */
export interface ArmPlan {
  readonly candidates: readonly { readonly target: string }[];
  readonly allowedEndpoints: ReadonlySet<string> | null;
}

export interface ExperimentArm<Plan extends ArmPlan> {
  readonly plan: Plan;
  /** `<experiment>/<variant>`, the x-switchyard-experiment header. */
  readonly label: string;
}

export const EXPERIMENT_HEADER = 'x-switchyard-experiment';

/**
 * @example
 * const arm = enterExperiment(ex, route, decision.decidedBy, request, (target) => planCandidates(route, target, needs, headers));
 * const candidates = arm?.plan ?? planCandidates(route, decision.target, needs, headers);
 */
export function enterExperiment<Plan extends ArmPlan>(
  ex: Exchange, route: RouteRuntime, decidedBy: DecidedBy, request: ChatCompletionRequest, planFor: (target: string) => Plan,
): ExperimentArm<Plan> | undefined {
  const draw = ex.runtime?.resilience.random ?? Math.random;
  const assignment = assignVariant(route.compiled.experiments, decidedBy, request, ex.req.headers, draw);
  if (assignment === undefined) return undefined;
  const { experiment, variant } = assignment;
  const plan = planOrUndefined(planFor, variant.target);
  if (plan?.candidates[0]?.target !== variant.target) {
    recordExperimentExcluded(route.name, experiment.name);
    return undefined;
  }
  ex.report.experiment = { name: experiment.name, variant: variant.name };
  keepSample(ex, {
    route, experiment, variant, request, allowedEndpoints: plan.allowedEndpoints,
    answer: experiment.evaluator === null ? null : new AnswerText(),
  });
  return { plan, label: `${experiment.name}/${variant.name}` };
}

/** The response header naming the variant; none outside experiments. */
export function experimentHeaders(arm: ExperimentArm<ArmPlan> | undefined): Readonly<Record<string, string>> {
  return arm === undefined ? {} : { [EXPERIMENT_HEADER]: arm.label };
}

function planOrUndefined<Plan>(planFor: (target: string) => Plan, target: string): Plan | undefined {
  try {
    return planFor(target);
  } catch {
    // Nothing could serve it from there; the decided target's own plan says why, if it fails too.
    return undefined;
  }
}
