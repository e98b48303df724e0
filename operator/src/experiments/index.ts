// Experiment results in ModelRoute status, from the figures sidecars report (docs/adr/0010-experiments.md).
export { experimentResultsOf, formatScore, type ExperimentResults } from './results.js';
export { medianMs } from './median.js';
export { sumRouteStats, type VariantTotals } from './merge.js';
export { StatusThrottle } from './throttle.js';
