import type { Experiment } from '../../api/types.js';
import type { ExperimentConfig } from '../../config/types.js';
import { byKey } from '../order.js';
import { headerName } from './values.js';

function experimentOf(experiment: Experiment): ExperimentConfig {
  const sticky = experiment.sticky ?? 'none';
  const evaluator = experiment.evaluator;
  return {
    name: experiment.name,
    intent: experiment.intent ?? null,
    variants: experiment.variants.map(({ name, target, weight }) => ({ name, target, weight })),
    sticky,
    stickyHeader: sticky === 'header' && experiment.stickyHeader !== undefined ? headerName(experiment.stickyHeader) : null,
    evaluator: evaluator
      ? { type: evaluator.type, expectContains: evaluator.expectContains ?? null, judgeTarget: evaluator.judgeTarget ?? null }
      : null,
  };
}

export function emitExperiments(experiments: readonly Experiment[] | undefined): ExperimentConfig[] {
  return (experiments ?? []).map(experimentOf).sort(byKey((experiment) => experiment.name));
}
