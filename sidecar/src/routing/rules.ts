// Semantic rules: deterministic conditions over the request's signals, checked in declared order
// before the classifier. Every condition a rule sets must hold; within a list (languages,
// modalities, keywords) one member suffices. Keywords and the pattern read the last user turn,
// the same text the classifier reads.

import type { RuleConditionConfig, RuleConfig } from '@switchyard/contract';
import { languageMatches } from './language.js';
import type { RequestSignals } from './signals.js';

export interface CompiledRule {
  readonly name: string;
  readonly target: string;
  readonly when: RuleConditionConfig;
  /** Compile checked the pattern is safe (no catastrophic backtracking). */
  readonly pattern: RegExp | null;
}

export function compileRules(rules: readonly RuleConfig[]): CompiledRule[] {
  return rules.map((rule) => ({
    name: rule.name,
    target: rule.target,
    when: rule.when,
    pattern: rule.when.pattern === null ? null : new RegExp(rule.when.pattern.source, rule.when.pattern.flags),
  }));
}

export function ruleMatches(rule: CompiledRule, signals: RequestSignals): boolean {
  const when = rule.when;
  if (when.languages.length > 0 && !languageMatches(signals.language, when.languages)) return false;
  if (when.modalities.length > 0 && !when.modalities.some((modality) => signals.modalities[modality] > 0)) return false;
  if (when.minPromptTokens !== null && signals.promptTokens < when.minPromptTokens) return false;
  if (when.maxPromptTokens !== null && signals.promptTokens > when.maxPromptTokens) return false;
  if (when.needsTools && !signals.needsTools) return false;
  if (when.needsJsonSchema && !signals.needsJsonSchema) return false;
  if (when.keywords.length > 0 && !when.keywords.some((keyword) => signals.lowerText.includes(keyword))) return false;
  if (rule.pattern !== null && !rule.pattern.test(signals.text)) return false;
  return true;
}

/** Whether any rule needs the lower-cased text, so signals compute it only then. */
export function rulesNeedLowerText(rules: readonly CompiledRule[]): boolean {
  return rules.some((rule) => rule.when.keywords.length > 0);
}
