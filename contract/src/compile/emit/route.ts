import type { ModelRoute, RetryPolicy } from '../../api/types.js';
import type { CompiledRoute, RetryConfig } from '../../config/types.js';
import { DEFAULT_RETRY, DEFAULT_USE_CASE_HEADER } from '../defaults.js';
import { byKey, compareText } from '../order.js';
import { defaultTargetOf } from '../resolve/route-targets.js';
import type { ResolvedBackend } from '../resolve/targets.js';
import { emitExperiments } from './experiments.js';
import { emitDataPolicy, emitLogging, emitPii } from './policies.js';
import { emitSemantic } from './semantic.js';
import { emitTarget } from './target.js';
import { headerName } from './values.js';

function retryOf(retry: RetryPolicy | undefined): RetryConfig {
  return {
    maxAttempts: retry?.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    baseBackoffMs: retry?.baseBackoffMilliseconds ?? DEFAULT_RETRY.baseBackoffMs,
    maxBackoffMs: retry?.maxBackoffMilliseconds ?? DEFAULT_RETRY.maxBackoffMs,
    deadlineMs: retry?.deadlineSeconds === undefined ? DEFAULT_RETRY.deadlineMs : retry.deadlineSeconds * 1000,
    budgetPercent: retry?.budgetPercent ?? DEFAULT_RETRY.budgetPercent,
    minRetriesPerSecond: retry?.minRetriesPerSecond ?? DEFAULT_RETRY.minRetriesPerSecond,
  };
}

/** An accepted route: every target resolved, so `backends` has an entry for each. */
export function emitRoute(route: ModelRoute, backends: ReadonlyMap<string, ResolvedBackend[]>): CompiledRoute {
  const { spec } = route;
  return {
    name: route.metadata.name,
    aliases: spec.match.models,
    headers: (spec.match.headers ?? [])
      .map((header) => ({ name: headerName(header.name), value: header.value }))
      .sort((a, b) => compareText(a.name, b.name)),
    useCaseHeader: headerName(spec.match.useCaseHeader ?? DEFAULT_USE_CASE_HEADER),
    defaultTarget: defaultTargetOf(route),
    targets: spec.targets
      .map((target) => emitTarget(target, backends.get(target.name)!, spec.timeouts))
      .sort(byKey((target) => target.name)),
    useCases: (spec.useCases ?? []).map(({ name, targets }) => ({ name, targets })).sort(byKey((useCase) => useCase.name)),
    semantic: emitSemantic(route),
    failover: { chain: spec.failover?.chain ?? [], allowLargerContext: spec.failover?.allowLargerContext === true },
    retry: retryOf(spec.retry),
    dataPolicy: emitDataPolicy(spec.dataPolicy, [...backends.values()].flat()),
    pii: emitPii(spec.pii),
    logging: emitLogging(spec.logging),
    experiments: emitExperiments(spec.experiments),
  };
}
