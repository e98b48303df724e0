// The view of the namespace every check reads. Built once per compile; the sets of rejected
// resources grow between check stages so later stages see what earlier ones left out.
import type { BudgetPolicy, ModelRoute, ProviderPool } from '../api/types.js';
import { REASON_CONDITION, type FindingReason } from './reasons.js';
import type { Finding, ResourceKind } from './types.js';

export interface CheckContext {
  namespace: string;
  /** Schema-valid, uniquely named resources by name. */
  pools: ReadonlyMap<string, ProviderPool>;
  routes: ReadonlyMap<string, ModelRoute>;
  budgets: ReadonlyMap<string, BudgetPolicy>;
  /** Secret name → key names. */
  secrets: ReadonlyMap<string, ReadonlySet<string>>;
  /** Names with a finding so far (schema-invalid and duplicate ones included). */
  rejected: Readonly<Record<ResourceKind, ReadonlySet<string>>>;
}

/** One rule across objects: returns a finding per problem, none when all is well. */
export type Check = (ctx: CheckContext) => Finding[];

/** Any resource, or the parts a finding needs. */
export interface Named {
  kind: ResourceKind;
  metadata: { name: string };
}

export function finding(resource: Named, reason: FindingReason, message: string): Finding {
  return { kind: resource.kind, name: resource.metadata.name, type: REASON_CONDITION[reason], reason, message };
}

/** Whether a resource of this kind and name exists in the namespace, accepted or not. */
export function exists(ctx: CheckContext, kind: ResourceKind, name: string): boolean {
  const byKind = { ProviderPool: ctx.pools, ModelRoute: ctx.routes, BudgetPolicy: ctx.budgets }[kind];
  return byKind.has(name) || ctx.rejected[kind].has(name);
}

export function isAccepted(ctx: CheckContext, kind: ResourceKind, name: string): boolean {
  return exists(ctx, kind, name) && !ctx.rejected[kind].has(name);
}

/** Names that occur more than once, each reported once, in first-seen order. */
export function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) (seen.has(name) ? repeated : seen).add(name);
  return [...repeated];
}

export function quote(text: string): string {
  return JSON.stringify(text);
}
