// Semantic routing: signals of a request, rules, the intent scorer and the target decision.
export { ASSUME_HEALTHY, chooseTarget, decisionHeader, EXPECTED_OUTPUT_TOKENS, type DecidedBy, type Decision, type HealthView } from './decide.js';
export { IntentScorer, type IntentScore } from './intent.js';
export { detectLanguage, languageMatches, type LanguageSignal, type Script } from './language.js';
export { planRoute, type DataClassPlan, type RoutePlan } from './plan.js';
export { compileRules, ruleMatches, type CompiledRule } from './rules.js';
export { computeSignals, TOKENS_PER_IMAGE, type Modalities, type RequestSignals } from './signals.js';
export { estimateTextTokens, TOKENS_PER_MESSAGE } from './tokens.js';
