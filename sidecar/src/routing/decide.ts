// The routing decision. In order, the first that yields a servable target wins:
//   1. override: the target a client names in the route's override header (only if the route
//      permits overrides);
//   2. rules, in declared order;
//   3. the intent, when the classifier is at least minConfidence sure: among the intent's targets
//      (tier ≥ its required tier), the use case's priority order if the request names a use
//      case, else the cheapest for this request;
//   4. the named use case's first servable target;
//   5. the route's default.
// "Servable" filters every step by data policy (an endpoint the request's class may reach) and
// capability (vision for images, tools, JSON schema, context window and output cap). Targets with
// no healthy backend lose to any that have one; among equal costs the lower latency wins.

import type { CompiledTarget } from '@switchyard/contract';
import type { ChatCompletionRequest } from '../openai/index.js';
import type { IntentScore } from './intent.js';
import type { RoutePlan } from './plan.js';
import { ruleMatches } from './rules.js';
import type { RequestSignals } from './signals.js';

/** What the decision may know about endpoints; the resilience layer provides it. */
export interface HealthView {
  /** False while the endpoint is ejected (no request would be let in). */
  healthy(endpointId: string): boolean;
  /** A recent time-to-first-byte figure, undefined while unknown. */
  latencyMs(endpointId: string): number | undefined;
}

export const ASSUME_HEALTHY: HealthView = { healthy: () => true, latencyMs: () => undefined };

export type DecidedBy =
  | { readonly kind: 'override' }
  | { readonly kind: 'rule'; readonly name: string }
  | { readonly kind: 'intent'; readonly name: string; readonly confidence: number }
  | { readonly kind: 'use-case'; readonly name: string }
  | { readonly kind: 'default' };

export interface Decision {
  readonly target: string;
  readonly decidedBy: DecidedBy;
  /** The classifier's verdict, confident or not, for logs and experiments. */
  readonly intent: IntentScore | null;
}

/** Output tokens assumed for cost ranking when the client sets no cap. */
export const EXPECTED_OUTPUT_TOKENS = 256;

interface Context {
  readonly plan: RoutePlan;
  readonly signals: RequestSignals;
  readonly health: HealthView;
  /** Endpoint ids the request's data class may reach; null when unrestricted. */
  readonly allowed: ReadonlySet<string> | null;
}

/**
 * @example
 * const decision = chooseTarget(plan, request, computeSignals(plan, request, headers), health);
 * res.setHeader('x-switchyard-decision', decisionHeader(decision.decidedBy));
 */
export function chooseTarget(plan: RoutePlan, _request: ChatCompletionRequest, signals: RequestSignals, health: HealthView): Decision {
  const ctx: Context = { plan, signals, health, allowed: allowedEndpoints(plan, signals) };
  const decide = (target: string, decidedBy: DecidedBy): Decision => ({ target, decidedBy, intent: signals.intent });
  if (signals.override !== undefined && plan.overrideHeader !== null && servable(ctx, signals.override)) {
    return decide(signals.override, { kind: 'override' });
  }
  for (const rule of plan.rules) {
    if (ruleMatches(rule, signals) && servable(ctx, rule.target)) return decide(rule.target, { kind: 'rule', name: rule.name });
  }
  const useCase = signals.useCase === undefined ? undefined : plan.useCases.get(signals.useCase);
  const intent = signals.intent;
  const config = intent === null || intent.confidence < plan.minConfidence ? undefined : plan.intents.get(intent.intent);
  if (intent !== null && config !== undefined) {
    const preferred = useCase === undefined ? undefined : firstServable(ctx, useCase.filter((name) => config.targets.includes(name)));
    const chosen = preferred ?? cheapest(ctx, config.targets);
    if (chosen !== undefined) return decide(chosen, { kind: 'intent', name: intent.intent, confidence: intent.confidence });
  }
  if (useCase !== undefined && signals.useCase !== undefined) {
    const chosen = firstServable(ctx, useCase);
    if (chosen !== undefined) return decide(chosen, { kind: 'use-case', name: signals.useCase });
  }
  if (servable(ctx, plan.defaultTarget)) return decide(plan.defaultTarget, { kind: 'default' });
  return decide(cheapest(ctx, plan.targetNames) ?? plan.defaultTarget, { kind: 'default' });
}

/**
 * The `x-switchyard-decision` header value.
 *
 * @example decisionHeader({ kind: 'intent', name: 'code', confidence: 0.934 }) // 'intent=code;confidence=0.93'
 */
export function decisionHeader(decidedBy: DecidedBy): string {
  switch (decidedBy.kind) {
    case 'override': return 'override';
    case 'rule': return `rule=${decidedBy.name}`;
    case 'intent': return `intent=${decidedBy.name};confidence=${decidedBy.confidence.toFixed(2)}`;
    case 'use-case': return `use-case=${decidedBy.name}`;
    case 'default': return 'default';
  }
}

/** An unknown class is left to the candidate stage, which rejects it with a clear error. */
function allowedEndpoints(plan: RoutePlan, signals: RequestSignals): ReadonlySet<string> | null {
  const policy = plan.dataClasses;
  if (policy === null) return null;
  return policy.classes.get(signals.dataClass ?? policy.defaultClass) ?? null;
}

function servable(ctx: Context, name: string): boolean {
  const target = ctx.plan.targets.get(name);
  return target !== undefined && capable(target, ctx.signals) && allowedBackends(ctx, target) > 0;
}

function capable(target: CompiledTarget, signals: RequestSignals): boolean {
  const capabilities = target.capabilities;
  const output = signals.outputTokens;
  return (signals.modalities.image === 0 || capabilities.vision)
    && (!signals.needsTools || capabilities.tools)
    && (!signals.needsJsonSchema || capabilities.jsonSchema)
    && (output === null || capabilities.maxOutputTokens === null || output <= capabilities.maxOutputTokens)
    && signals.promptTokens + (output ?? 0) <= capabilities.contextWindowTokens;
}

function allowedBackends(ctx: Context, target: CompiledTarget): number {
  if (ctx.allowed === null) return target.backends.length;
  let count = 0;
  for (const backend of target.backends) if (ctx.allowed.has(backend.endpointId)) count += 1;
  return count;
}

function firstServable(ctx: Context, names: readonly string[]): string | undefined {
  const servableNames = names.filter((name) => servable(ctx, name));
  return servableNames.find((name) => healthy(ctx, ctx.plan.targets.get(name)!)) ?? servableNames[0];
}

interface Ranked {
  readonly name: string;
  readonly costMicroUsd: number;
  readonly healthy: boolean;
  readonly latencyMs: number | undefined;
  readonly order: number;
}

/** Cheapest servable target for this request's tokens; ties go to health, then latency, then the given order. */
function cheapest(ctx: Context, names: readonly string[]): string | undefined {
  const ranked: Ranked[] = [];
  names.forEach((name, order) => {
    if (!servable(ctx, name)) return;
    const target = ctx.plan.targets.get(name)!;
    ranked.push({ name, costMicroUsd: costOf(ctx, target), healthy: healthy(ctx, target), latencyMs: latencyOf(ctx, target), order });
  });
  ranked.sort(compareRanked);
  return ranked[0]?.name;
}

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.healthy !== b.healthy) return a.healthy ? -1 : 1;
  if (a.costMicroUsd !== b.costMicroUsd) return a.costMicroUsd - b.costMicroUsd;
  if (a.latencyMs !== undefined && b.latencyMs !== undefined && a.latencyMs !== b.latencyMs) return a.latencyMs - b.latencyMs;
  return a.order - b.order;
}

function costOf(ctx: Context, target: CompiledTarget): number {
  const input = ctx.signals.promptTokens;
  const output = ctx.signals.outputTokens ?? EXPECTED_OUTPUT_TOKENS;
  let best = Infinity;
  for (const backend of target.backends) {
    if (ctx.allowed !== null && !ctx.allowed.has(backend.endpointId)) continue;
    const { inputMicroUsdPerMillion, outputMicroUsdPerMillion } = backend.pricing;
    best = Math.min(best, (inputMicroUsdPerMillion * input + outputMicroUsdPerMillion * output) / 1_000_000);
  }
  return best;
}

function healthy(ctx: Context, target: CompiledTarget): boolean {
  return target.backends.some((backend) => (ctx.allowed === null || ctx.allowed.has(backend.endpointId)) && ctx.health.healthy(backend.endpointId));
}

function latencyOf(ctx: Context, target: CompiledTarget): number | undefined {
  let best: number | undefined;
  for (const backend of target.backends) {
    if (ctx.allowed !== null && !ctx.allowed.has(backend.endpointId)) continue;
    const latency = ctx.health.latencyMs(backend.endpointId);
    if (latency !== undefined && (best === undefined || latency < best)) best = latency;
  }
  return best;
}
