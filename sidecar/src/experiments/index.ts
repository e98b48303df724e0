// A/B experiments on a route: variant assignment after the routing decision, per-variant
// figures and evaluation after the response, and the report to the operator (docs/adr/0010-experiments.md).
export { EXPERIMENT_HEADER, enterExperiment, experimentHeaders, type ArmPlan, type ExperimentArm } from './enter.js';
export { noteAnswer, tapStream } from './answer-text.js';
export { ExperimentRecorder, type ExperimentRecorderOptions } from './recorder.js';
export { experimentPublisher, DEFAULT_EXPERIMENT_FRAME_MS } from './publisher.js';
export { ExperimentStats } from './stats.js';
export { stickyPoint, variantAt } from './bucket.js';
