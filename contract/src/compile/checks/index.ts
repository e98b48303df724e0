// The cross-object checks, in stages. Checks within a stage see the same context; between
// stages, every resource with a finding joins `ctx.rejected`, so a route sees which pools were
// refused and a budget sees which routes were. One line per check, saying what it ensures.
import type { Check } from '../context.js';
import { aliasesUnique } from './alias-conflicts.js';
import { budgetSettingsConsistent } from './budget-settings.js';
import { budgetTargetsExist } from './budget-targets.js';
import { capabilitiesMatch } from './capabilities.js';
import { dataPolicyServable } from './data-policy.js';
import { endpointSettings } from './endpoint-settings.js';
import { endpointURLsSafe } from './endpoint-urls.js';
import { experimentsDisjoint } from './experiment-overlap.js';
import { failoverChainValid } from './failover-chain.js';
import { intentTiersMet } from './intent-tiers.js';
import { patternsSafe } from './patterns-safe.js';
import { poolNamesUnique } from './pool-names-unique.js';
import { poolSecretsExist } from './pool-secrets.js';
import { providerFields } from './provider-fields.js';
import { routeNamesUnique } from './route-names-unique.js';
import { routeSecretsExist } from './route-secrets.js';
import { routeSettingsConsistent } from './route-settings.js';
import { targetReferencesExist } from './target-references.js';
import { targetsResolve } from './targets-resolve.js';

export const POOL_CHECKS: readonly Check[] = [
  poolNamesUnique, //          endpoints and models are keyed by name (DuplicateName)
  endpointURLsSafe, //         https and public unless inCluster (UnsafeURL)
  providerFields, //           azure-openai has apiVersion and deployments; flavor only on openai-compatible (InvalidValue)
  endpointSettings, //         commitment quota, ejection and timeout bounds, canary model (InvalidValue, ModelNotFound)
  poolSecretsExist, //         credentials name an existing Secret and key (SecretNotFound, SecretKeyNotFound)
];

export const ROUTE_CHECKS: readonly Check[] = [
  routeNamesUnique, //         targets, rules, intents, classes... are keyed by name (DuplicateName)
  targetsResolve, //           pool, endpoint and model of each target exist (PoolNotFound, PoolNotAccepted, EndpointNotFound, ModelNotFound)
  targetReferencesExist, //    use cases, rules, intents, experiments name real targets and intents (TargetNotFound, IntentNotFound)
  failoverChainValid, //       the chain names real targets, once each (TargetNotFound, FailoverCycle)
  dataPolicyServable, //       every data class exists and keeps an endpoint (ClassNotFound, NoEligibleEndpoint)
  patternsSafe, //             rule and PII patterns compile and cannot backtrack catastrophically (UnsafePattern)
  capabilitiesMatch, //        rules only send requests to targets able to serve them (CapabilityMismatch)
  intentTiersMet, //           each intent keeps a target of its required tier (NoEligibleTarget)
  routeSettingsConsistent, //  retry, rule, experiment and logging settings agree (InvalidValue)
  experimentsDisjoint, //      one experiment per intent, one for the whole route (InvalidValue)
  routeSecretsExist, //        the logging hash key exists (SecretNotFound, SecretKeyNotFound)
];

/** Run after ROUTE_CHECKS so a route refused for its own faults claims no model name. */
export const ROUTE_SET_CHECKS: readonly Check[] = [
  aliasesUnique, //            one route per model name, header set and workload (AliasConflict)
];

export const BUDGET_CHECKS: readonly Check[] = [
  budgetTargetsExist, //       the budget covers existing, accepted routes (BudgetTargetsNothing, RoutesNotAccepted)
  budgetSettingsConsistent, // per-request cap within the limit, thresholds once each (InvalidValue)
];

export const CHECK_STAGES: readonly (readonly Check[])[] = [POOL_CHECKS, ROUTE_CHECKS, ROUTE_SET_CHECKS, BUDGET_CHECKS];
