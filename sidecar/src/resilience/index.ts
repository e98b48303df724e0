export { sleep, systemClock, systemTimers, type Clock, type TimerHandle, type Timers } from './clock.js';
export { seededRandom, systemRandom, type Random } from './random.js';
export { backoffCeilingMs, backoffDelayMs, backoffSchedule, type BackoffPolicy } from './backoff.js';
export { startDeadline, type Deadline } from './deadline.js';
export { RetryBudget, DEFAULT_BUDGET_WINDOW_MS, type BudgetSnapshot, type RetryBudgetPolicy } from './retry-budget.js';
export { healthSignalOf, kindOf, type HealthSignal, type Outcome, type OutcomeKind } from './outcome.js';
export {
  decideNext, type AttemptState, type Decision, type FailAdvice, type FailoverView, type FailWhy, type RetryPolicy,
} from './decide.js';
export {
  EndpointHealth, type Admission, type EjectionReason, type HealthChange, type HealthPolicy, type HealthSnapshot, type HealthState,
} from './health.js';
export { LatencyTracker, DEFAULT_LATENCY_POLICY, type LatencyPolicy } from './latency.js';
export {
  CanaryScheduler, scoreAnswer, type CanaryDeps, type CanarySpec, type CanaryVerdict, type ProbeResult, type SendProbe,
} from './canary.js';
export {
  meetsNeeds, selectEligible, type CandidateView, type Eligible, type EligibilityContext, type HealthView, type RequestNeeds, type SkipReason,
} from './eligibility.js';
export { combineEvents, NO_EVENTS, type AttemptEvent, type ResilienceEvents } from './events.js';
export { budgetPolicyOf, healthPolicyOf, retryPolicyOf, ATTEMPTS_PER_ENDPOINT, MAX_ATTEMPTS_CAP } from './policy.js';
export { ResilienceState, type ResilienceStateOptions } from './state.js';
export { runResilient, type AttemptContext, type AttemptResult, type LoopInput, type LoopResult } from './loop.js';
export { Resilience, type ResilienceOptions } from './process.js';
