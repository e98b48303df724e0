// The closed set of reasons compile reports, each mapped to the condition it sets to False.
//   ResolvedRefs  a reference to another object (pool, endpoint, model, Secret, route) is broken;
//   Accepted      the spec is invalid in itself or in combination with the others;
//   Ready         the resource is fine but depends on one that was left out.
// A resource with any finding is left out of the config whole.

import type { ConditionType } from './types.js';

export const REASON_CONDITION = {
  /** A route target names a ProviderPool that is not in the namespace. */
  PoolNotFound: 'ResolvedRefs',
  /** A route target names an endpoint its pool does not have. */
  EndpointNotFound: 'ResolvedRefs',
  /** No endpoint in the pool (or not the named one) serves the target's model; or a canary probes a model its endpoint lacks. */
  ModelNotFound: 'ResolvedRefs',
  /** A referenced Secret is not in the namespace. */
  SecretNotFound: 'ResolvedRefs',
  /** A referenced Secret lacks the key (default "apiKey"). */
  SecretKeyNotFound: 'ResolvedRefs',
  /** A budget names routes that do not exist, or its scope selects no route at all. */
  BudgetTargetsNothing: 'ResolvedRefs',

  /** The resource does not match the contract schema (types, required fields, bounds). */
  InvalidSpec: 'Accepted',
  /** Two entries of a list keyed by name share it; or two documents share kind and name. */
  DuplicateName: 'Accepted',
  /** Fields valid one by one contradict each other or their provider (e.g. azure-openai without apiVersion). */
  InvalidValue: 'Accepted',
  /** An endpoint URL is not https, carries credentials, or points at a private address without inCluster. */
  UnsafeURL: 'Accepted',
  /** A use case, rule, intent, default target, experiment or failover chain names a target the route lacks. */
  TargetNotFound: 'Accepted',
  /** An experiment names an intent the route's semantic routing lacks. */
  IntentNotFound: 'Accepted',
  /** defaultClass or piiDetectedClass names a data class the policy lacks. */
  ClassNotFound: 'Accepted',
  /** The failover chain revisits a target or includes the default target. */
  FailoverCycle: 'Accepted',
  /** The data policy leaves some class with no endpoint allowed to serve it. */
  NoEligibleEndpoint: 'Accepted',
  /** An intent's required tier is met by none of the targets it may use. */
  NoEligibleTarget: 'Accepted',
  /** An older route already claims the same model name with the same header matches for overlapping workloads. */
  AliasConflict: 'Accepted',
  /** A rule or custom PII pattern does not compile, is not RE2-compatible, or can backtrack catastrophically. */
  UnsafePattern: 'Accepted',
  /** A rule sends requests to a target whose model lacks what they need (vision, tools, JSON schema, context). */
  CapabilityMismatch: 'Accepted',

  /** A pool the route's targets use was left out of the config. */
  PoolNotAccepted: 'Ready',
  /** Every route the budget covers was left out of the config. */
  RoutesNotAccepted: 'Ready',
} as const satisfies Record<string, ConditionType>;

export type FindingReason = keyof typeof REASON_CONDITION;

/** Reasons of conditions that are True. Ready=True means compiled; the operator may refine it after sidecars sync. */
export const TRUE_REASON: Readonly<Record<ConditionType, string>> = {
  ResolvedRefs: 'ResolvedRefs',
  Accepted: 'Accepted',
  Ready: 'Compiled',
};
