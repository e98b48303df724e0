import type { ModelRoute, SemanticRule } from '../../api/types.js';
import type { CapabilitiesConfig } from '../../config/types.js';
import { finding, quote, type Check, type CheckContext } from '../context.js';
import { resolveRouteTargets, targetCapabilities } from '../resolve/targets.js';
import type { Finding } from '../types.js';

/**
 * What a rule's requests need that the target lacks on at least one of its endpoints (any may be
 * picked). Audio has no capability flag to check.
 */
function lacks(rule: SemanticRule, capabilities: CapabilitiesConfig): string[] {
  const missing: string[] = [];
  if (rule.when.modalities?.includes('image') && !capabilities.vision) missing.push('vision, which images need');
  if (rule.when.needsTools && !capabilities.tools) missing.push('tools, which the rule requires');
  if (rule.when.needsJsonSchema && !capabilities.jsonSchema) missing.push('jsonSchema, which the rule requires');
  const minTokens = rule.when.minPromptTokens;
  if (minTokens !== undefined && minTokens > capabilities.contextWindowTokens) {
    missing.push(`room for ${minTokens}-token prompts (context window ${capabilities.contextWindowTokens})`);
  }
  return missing;
}

function ruleFindings(ctx: CheckContext, route: ModelRoute): Finding[] {
  const resolved = resolveRouteTargets(ctx, route);
  return (route.spec.semantic?.rules ?? []).flatMap((rule) => {
    const backends = resolved.get(rule.target);
    if (!backends) return [];
    const capabilities = targetCapabilities(backends);
    return lacks(rule, capabilities).map((missing) => finding(route, 'CapabilityMismatch',
      `rule ${quote(rule.name)}: target ${quote(rule.target)} (model ${quote(backends[0]!.model.name)}) lacks ${missing}`));
  });
}

/** Rules only send requests to targets that can serve them. */
export const capabilitiesMatch: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => ruleFindings(ctx, route));
