// Which candidates may take the next attempt, in preference order. A candidate must have what the
// request needs (capabilities, context window), be allowed by the data policy, not have been
// tried already, be admitted by its health, and be fast enough for what is left of the deadline.
// The data policy is never relaxed. Health is, once: when every otherwise eligible endpoint is
// ejected, they are all offered as panic candidates (soonest back first) rather than failing
// closed — Envoy's panic threshold, read as "never eject the last eligible candidate".

import type { CapabilitiesConfig } from '@switchyard/contract';

export interface RequestNeeds {
  readonly vision: boolean;
  readonly tools: boolean;
  readonly jsonSchema: boolean;
  readonly streaming: boolean;
  readonly embeddings: boolean;
}

export interface CandidateView {
  readonly endpointId: string;
  /** The route's target (model) the endpoint serves it for. */
  readonly target: string;
  readonly capabilities: CapabilitiesConfig;
}

export interface HealthView {
  /** Open, or half-open with the probe slot free. */
  readonly admits: boolean;
  readonly ejectedUntil: number;
}

export interface EligibilityContext {
  readonly needs: RequestNeeds;
  /** Endpoint ids the request's data class may reach; null when the route has no data policy. */
  readonly allowedEndpoints: ReadonlySet<string> | null;
  /** Endpoints this request already tried. */
  readonly tried: ReadonlySet<string>;
  /** Only targets with a context window larger than this (after a context-length refusal); 0 for any. */
  readonly contextWindowAbove: number;
  readonly remainingMs: number;
  health(endpointId: string): HealthView;
  /** Recent p95 time to first byte; undefined when unknown. */
  p95(endpointId: string): number | undefined;
  /** The canary's verdict for a secondary target; undefined when it has none. */
  canaryReady(endpointId: string): boolean | undefined;
}

export type SkipReason = 'capability' | 'context_window' | 'data_policy' | 'tried' | 'ejected' | 'too_slow';

export interface Eligible<C> {
  /** Most preferred first. */
  readonly candidates: readonly C[];
  /** Every candidate is ejected and offered anyway. */
  readonly panic: boolean;
  readonly skipped: readonly { readonly endpointId: string; readonly why: SkipReason }[];
}

/**
 * @example selectEligible(candidates, ctx).candidates.map((c) => c.endpointId) // ['openai/eu', 'azure/eu']
 */
export function selectEligible<C extends CandidateView>(candidates: readonly C[], ctx: EligibilityContext): Eligible<C> {
  const skipped: { endpointId: string; why: SkipReason }[] = [];
  const keep = (list: readonly C[], test: (candidate: C) => SkipReason | null): C[] => list.filter((candidate) => {
    const why = test(candidate);
    if (why !== null) skipped.push({ endpointId: candidate.endpointId, why });
    return why === null;
  });
  const fitting = keep(candidates, (candidate) => staticSkip(candidate, ctx));
  const admitted = keep(fitting, (candidate) => (ctx.health(candidate.endpointId).admits ? null : 'ejected'));
  const panic = admitted.length === 0 && fitting.length > 0;
  const pool = panic ? soonestBackFirst(fitting, ctx) : admitted;
  const fast = keep(pool, (candidate) => ((ctx.p95(candidate.endpointId) ?? 0) < ctx.remainingMs ? null : 'too_slow'));
  return { candidates: canaryReadyFirst(fast, ctx), panic: panic && fast.length > 0, skipped };
}

function staticSkip(candidate: CandidateView, ctx: EligibilityContext): SkipReason | null {
  if (!meetsNeeds(candidate.capabilities, ctx.needs)) return 'capability';
  if (candidate.capabilities.contextWindowTokens <= ctx.contextWindowAbove) return 'context_window';
  if (ctx.allowedEndpoints !== null && !ctx.allowedEndpoints.has(candidate.endpointId)) return 'data_policy';
  if (ctx.tried.has(candidate.endpointId)) return 'tried';
  return null;
}

export function meetsNeeds(capabilities: CapabilitiesConfig, needs: RequestNeeds): boolean {
  return (!needs.vision || capabilities.vision) && (!needs.tools || capabilities.tools)
    && (!needs.jsonSchema || capabilities.jsonSchema) && (!needs.streaming || capabilities.streaming)
    && (!needs.embeddings || capabilities.embeddings);
}

function soonestBackFirst<C extends CandidateView>(list: readonly C[], ctx: EligibilityContext): C[] {
  return [...list].sort((a, b) => ctx.health(a.endpointId).ejectedUntil - ctx.health(b.endpointId).ejectedUntil);
}

/** A secondary whose canary last failed goes behind those that passed or were never probed. */
function canaryReadyFirst<C extends CandidateView>(list: readonly C[], ctx: EligibilityContext): C[] {
  const failing = (candidate: C): boolean => ctx.canaryReady(candidate.endpointId) === false;
  return [...list.filter((candidate) => !failing(candidate)), ...list.filter(failing)];
}
